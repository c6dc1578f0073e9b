export function BuildPage() {
  return <h1>BuildPage</h1>;
}
