import { type ReactNode, useId, useRef, useState } from "react";

/**
 * A button that asks before it acts, in a native <dialog> (focus is trapped and Escape cancels).
 * Shows the action's error in the dialog instead of closing on failure.
 */
export function ConfirmButton(props: {
  label: string;
  title: string;
  confirmLabel?: string;
  danger?: boolean;
  disabled?: boolean;
  children?: ReactNode;
  onConfirm: () => Promise<unknown>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
      dialog.current?.close();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className={props.danger ? "danger" : "primary"}
        disabled={props.disabled}
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
      >
        {props.label}
      </button>
      <dialog ref={dialog} aria-labelledby={titleId}>
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
        {error && (
          <p className="notice notice-bad" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={() => dialog.current?.close()} disabled={busy}>
            Cancel
          </button>
          <button
            type="button"
            className={props.danger ? "danger" : "primary"}
            onClick={() => void confirm()}
            disabled={busy}
          >
            {busy ? "Working…" : (props.confirmLabel ?? props.label)}
          </button>
        </div>
      </dialog>
    </>
  );
}
