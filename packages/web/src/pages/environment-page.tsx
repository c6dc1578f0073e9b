export function EnvironmentPage() {
  return <h1>EnvironmentPage</h1>;
}
