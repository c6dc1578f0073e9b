import type { ReactNode } from "react";
import { useId } from "react";
import type { DialogAction } from "./confirm-button.js";
import { DialogFooter, type DialogFooterProps } from "./dialog-footer.js";

/**
 * A modal <dialog> holding one form, named by its title: the fields, then the DialogFooter.
 * Submitting calls `onSubmit` instead of navigating.
 */
export function FormDialog(
  props: {
    action: Pick<DialogAction, "dialog" | "busy" | "error" | "close">;
    title: ReactNode;
    className?: string;
    noValidate?: boolean;
    onSubmit: () => void;
    children: ReactNode;
  } & Omit<DialogFooterProps, "error" | "busy" | "onCancel" | "onConfirm">,
) {
  const { action, title, className, noValidate, onSubmit, children, ...footer } = props;
  const titleId = useId();
  return (
    <dialog ref={action.dialog} aria-labelledby={titleId}>
      <form
        className={className}
        noValidate={noValidate}
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
        <DialogFooter {...footer} error={action.error} busy={action.busy} onCancel={action.close} />
      </form>
    </dialog>
  );
}
