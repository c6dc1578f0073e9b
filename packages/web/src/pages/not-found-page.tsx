import { Link } from "react-router";

export function NotFoundPage() {
  return (
    <section>
      <h1>No such page</h1>
      <p>
        The address may be mistyped, or what it showed was removed.{" "}
        <Link to="/">Go to the overview</Link>.
      </p>
    </section>
  );
}
