// @peculiar/x509 (tsyringe) needs the Reflect metadata polyfill before it is imported.
import 'reflect-metadata';
