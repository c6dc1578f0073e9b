import { type ReactNode, useId, useRef, useState } from "react";
import { DialogFooter } from "./dialog-footer.js";

/**
 * A modal <dialog> that runs an action: busy while it runs, closed when it succeeds, and
 * showing the action's error (the server's sentence) when it fails, so the user can fix it.
 */
export function useDialogAction() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return {
    dialog,
    busy,
    error,
    setError,
    open() {
      setError(null);
      dialog.current?.showModal();
    },
    close: () => dialog.current?.close(),
    async run(action: () => Promise<unknown>) {
      setBusy(true);
      setError(null);
      try {
        await action();
        dialog.current?.close();
      } catch (failure) {
        setError((failure as Error).message);
      } finally {
        setBusy(false);
      }
    },
  };
}

export type DialogAction = ReturnType<typeof useDialogAction>;

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
  const { dialog, busy, error, open, close, run } = useDialogAction();
  const titleId = useId();
  return (
    <>
      <button
        type="button"
        className={props.danger ? "danger" : "primary"}
        disabled={props.disabled}
        onClick={open}
      >
        {props.label}
      </button>
      <dialog ref={dialog} aria-labelledby={titleId}>
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
        <DialogFooter
          error={error}
          busy={busy}
          onCancel={close}
          confirmLabel={props.confirmLabel ?? props.label}
          busyLabel="Working…"
          danger={props.danger}
          onConfirm={() => void run(props.onConfirm)}
        />
      </dialog>
    </>
  );
}
