// One form page of a screen (QR, its verifier, import): the error of the last attempt, an optional notice, and the
// shared Form remounted with what was typed after every detour (an error, a question, a result). The screen's
// reducer holds a FormPageState; these helpers and the view keep that pattern in one place.
import React from 'react';
import {Box} from 'ink';
import {Form, type FieldSpec, type FormValues} from '../tui/form/index.js';
import {FormError} from '../tui/components/FormError.js';

export interface FormPageState {
  /** Values as typed (paths not yet made absolute). */
  values: FormValues;
  /** Remount counter: the form comes back fresh with `values`. */
  attempt: number;
  error?: string;
  /** Field to focus when the form comes back (the one an error belongs to). */
  focus?: string;
}

export const initialFormPage = (values: FormValues = {}): FormPageState => ({values, attempt: 0});

/** The form comes back after a detour with what was typed; `error` above it, focus on `focus`. */
export const formBack = (s: FormPageState, error?: string, focus?: string): FormPageState => ({...s, attempt: s.attempt + 1, error, focus});

export interface FormPageProps {
  page: FormPageState;
  fields: FieldSpec[];
  active: boolean;
  onChange(values: FormValues): void;
  onSubmit(values: FormValues): void;
  onCancel(): void;
  derive?: (values: FormValues, changedId: string) => Partial<FormValues> | undefined;
  valueWidth?: number;
  /** Shown between the error and the form (e.g. a warning about the typed values). */
  notice?: React.ReactNode;
}

export function FormPage({page, fields, active, onChange, onSubmit, onCancel, derive, valueWidth = 30, notice}: FormPageProps) {
  return (
    <Box flexDirection="column">
      <FormError message={page.error} />
      {notice}
      <Form
        key={page.attempt}
        fields={fields}
        initialValues={page.values}
        initialFocus={page.focus}
        active={active}
        derive={derive}
        onChange={onChange}
        onSubmit={onSubmit}
        onCancel={onCancel}
        labelWidth={26}
        valueWidth={valueWidth}
      />
    </Box>
  );
}
