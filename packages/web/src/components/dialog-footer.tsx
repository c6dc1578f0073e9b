export type DialogFooterProps = {
  error: string | null;
  /** Lets a field point at the error with aria-describedby. */
  errorId?: string;
  busy: boolean;
  onCancel: () => void;
  confirmLabel: string;
  busyLabel: string;
  danger?: boolean;
  confirmDisabled?: boolean;
  /** Without it the confirm button submits the dialog's form. */
  onConfirm?: () => void;
};

/**
 * The end of every action dialog: the action's error, if any, then Cancel and the confirm button,
 * both disabled while the action runs.
 */
export function DialogFooter(props: DialogFooterProps) {
  const { error, busy } = props;
  return (
    <>
      {error && (
        <p className="notice notice-bad" role="alert" id={props.errorId}>
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel} disabled={busy}>
          Cancel
        </button>
        <button
          type={props.onConfirm ? "button" : "submit"}
          className={props.danger ? "danger" : "primary"}
          onClick={props.onConfirm}
          disabled={busy || props.confirmDisabled}
        >
          {busy ? props.busyLabel : props.confirmLabel}
        </button>
      </div>
    </>
  );
}
