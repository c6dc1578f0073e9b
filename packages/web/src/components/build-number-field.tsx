import type { ReactNode } from "react";

/**
 * The "Build number" field of a dialog, with its hint under it. `id` prefixes the hint's id and
 * the dialog's error id (`<id>-error`), which the field points at while there is an error.
 */
export function BuildNumberField(props: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  hint: ReactNode;
}) {
  const { id } = props;
  return (
    <>
      <label>
        Build number
        <input
          name="build"
          inputMode="numeric"
          autoComplete="off"
          placeholder="42"
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
          aria-invalid={props.invalid}
          aria-describedby={`${id}-hint${props.invalid ? ` ${id}-error` : ""}`}
        />
      </label>
      <p className="hint" id={`${id}-hint`}>
        {props.hint}
      </p>
    </>
  );
}
