import type { ReactNode, SelectHTMLAttributes } from 'react';
import { Field } from './field';

export interface SelectOption<V extends string> {
  value: V;
  label: string;
}

export interface SelectFieldProps<V extends string> extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value' | 'id'> {
  label: ReactNode;
  value: V;
  options: readonly SelectOption<V>[];
  onChange: (value: V) => void;
  hint?: ReactNode;
  error?: string | null | undefined;
  fieldClassName?: string;
}

export function SelectField<V extends string>({ label, value, options, onChange, hint, error, required, fieldClassName, ...select }: SelectFieldProps<V>) {
  return (
    <Field label={label} hint={hint} error={error} required={required} className={fieldClassName}>
      {(p) => (
        <select {...select} {...p} className="select" value={value} onChange={(e) => onChange(e.target.value as V)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
