import { useId, useState } from "react";
import { type FlagEnvironment, parseCustomers } from "../lib/flag-format.js";
import { postStep, useFlagChanged } from "../lib/use-flags.js";
import { useDialogAction } from "./confirm-button.js";
import { FormDialog } from "./form-dialog.js";

/** "Customers…": the allow-list of customer ids that get the flag, typed or pasted. */
export function FlagCustomersButton(props: {
  project: string;
  flagKey: string;
  env: FlagEnvironment;
  disabled: boolean;
}) {
  const { project, flagKey, env } = props;
  const action = useDialogAction();
  const changed = useFlagChanged(project);
  const [text, setText] = useState("");
  const hintId = useId();
  const customers = parseCustomers(text);

  const submit = () =>
    void action.run(async () => {
      const flag = await postStep(project, flagKey, env.environment, {
        step: "customers",
        customers,
        mode: "set",
      });
      await changed(flag);
    });

  return (
    <>
      <button
        type="button"
        disabled={props.disabled}
        onClick={() => {
          setText(env.customers.join(", "));
          action.open();
        }}
      >
        Customers…
      </button>
      <FormDialog
        action={action}
        title={`Which customers get ${flagKey} in ${env.environment}?`}
        className="dialog-form"
        onSubmit={submit}
        confirmLabel={customers.length === 0 ? "Remove every customer" : "Save customers"}
        busyLabel="Saving…"
      >
        <label>
          Customer ids
          <textarea
            name="customers"
            rows={5}
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder={"acme, globex\ninitech"}
            aria-describedby={hintId}
            spellCheck={false}
          />
        </label>
        <p className="hint" id={hintId}>
          Separated by commas or new lines; matched against <code>customerId</code> in the context.{" "}
          {customers.length === 1 ? "1 customer" : `${customers.length} customers`}; its other rules
          stay.
        </p>
      </FormDialog>
    </>
  );
}
