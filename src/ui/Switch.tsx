/** An on/off control: a button with the switch role, named by its label. */
export function Switch({
  id,
  label,
  hint,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange(value: boolean): void;
}) {
  return (
    <div class="row">
      <span id={id} class="label">
        {label}
        {hint && <span class="hint">{hint}</span>}
      </span>
      <button type="button" role="switch" class="switch" aria-checked={checked} aria-labelledby={id} onClick={() => onChange(!checked)}>
        <span class="knob" />
      </button>
    </div>
  );
}
