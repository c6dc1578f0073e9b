import { useId, useState } from "react";

/** A credential shown exactly once (new token, generated password), with a copy button. */
export function SettingsReveal(props: { title: string; value: string; onDismiss: () => void }) {
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      setCopied("yes");
    } catch {
      // Clipboard access needs a secure context; the field stays selectable by hand.
      setCopied("failed");
    }
  };
  return (
    <div className="notice notice-warn reveal" role="status">
      <p>
        <strong>{props.title}</strong> Copy it now: it will not be shown again.
      </p>
      <div className="reveal-row">
        <label htmlFor={id} className="visually-hidden">
          {props.title}
        </label>
        <input
          id={id}
          className="mono reveal-value"
          readOnly
          value={props.value}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="primary" onClick={() => void copy()}>
          {copied === "yes" ? "Copied" : "Copy"}
        </button>
        <button type="button" onClick={props.onDismiss}>
          Done
        </button>
      </div>
      {copied === "failed" && (
        <p className="hint">The browser refused the clipboard: select the text and copy it.</p>
      )}
    </div>
  );
}
