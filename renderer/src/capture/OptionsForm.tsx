// The capture options: a BPF filter with a hint as you type (and tcpdump's own error, verbatim,
// once the core checked it), the interface, and the limits. Numbers are validated in place.
import { useId } from 'react';
import type { WireError } from '../../../main/api/contract';
import { ErrorView } from '../components/ErrorView';
import { bpfHint } from './bpf-hint';
import type { OptionErrors, OptionsDraft } from './options';

function Field(props: {
  label: string;
  name: keyof OptionsDraft;
  draft: OptionsDraft;
  errors: OptionErrors;
  onChange: (patch: Partial<OptionsDraft>) => void;
  placeholder?: string;
  unit?: string;
}) {
  const { label, name, draft, errors, onChange, placeholder, unit } = props;
  const id = useId();
  const error = errors[name];
  return (
    <div className="cap-field">
      <label htmlFor={id}>{label}</label>
      <div className="cap-input-unit">
        <input
          id={id}
          className={`input num ${error ? 'invalid' : ''}`}
          value={draft[name]}
          placeholder={placeholder}
          inputMode={name === 'iface' ? 'text' : 'numeric'}
          spellCheck={false}
          aria-invalid={!!error}
          onChange={(e) => onChange({ [name]: e.target.value })}
        />
        {unit && <span className="dim">{unit}</span>}
      </div>
      {error && <div className="cap-field-error">{error}</div>}
    </div>
  );
}

export function OptionsForm(props: {
  draft: OptionsDraft;
  errors: OptionErrors;
  filterError?: WireError;
  onChange: (patch: Partial<OptionsDraft>) => void;
  autoFocus?: boolean;
}) {
  const { draft, errors, filterError, onChange, autoFocus } = props;
  const filterId = useId();
  const hint = bpfHint(draft.filter);
  const fieldProps = { draft, errors, onChange };
  return (
    <fieldset className="cap-options">
      <legend>Options</legend>
      <div className="cap-field cap-filter">
        <label htmlFor={filterId}>Capture filter (BPF)</label>
        <input
          id={filterId}
          className={`input mono ${filterError || errors.filter ? 'invalid' : ''}`}
          value={draft.filter}
          placeholder="tcp port 443 and not host 10.0.0.1"
          spellCheck={false}
          autoComplete="off"
          data-testid="capture-filter"
          autoFocus={autoFocus}
          onChange={(e) => onChange({ filter: e.target.value })}
        />
        {filterError ? (
          <ErrorView error={filterError} variant="compact" />
        ) : (
          <div className={`cap-hint ${hint.tone}`} data-testid="capture-filter-hint">
            {errors.filter ?? hint.text}
          </div>
        )}
      </div>
      <div className="cap-grid">
        <Field label="Interface" name="iface" placeholder="any" {...fieldProps} />
        <Field label="Snaplen" name="snaplen" unit="bytes" {...fieldProps} />
        <Field
          label="Duration"
          name="duration"
          placeholder="until stopped"
          unit="s"
          {...fieldProps}
        />
        <Field label="Max packets" name="maxPackets" placeholder="no limit" {...fieldProps} />
        <Field
          label="Max size"
          name="maxMegabytes"
          placeholder="no limit"
          unit="MB"
          {...fieldProps}
        />
      </div>
    </fieldset>
  );
}
