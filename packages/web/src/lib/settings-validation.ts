/** The same rules the server applies, checked before sending so the form can say what is wrong. */

// users/user-service.ts
const USERNAME = /^[a-z0-9][a-z0-9._-]{0,62}$/i;
// projects/project-service.ts: secrets are referenced as ${NAME} in weeknight.yml
const SECRET_NAME = /^[A-Z_][A-Z0-9_]*$/;

export function usernameProblem(username: string): string | null {
  if (username.trim() === "") return "Enter a username.";
  if (!USERNAME.test(username))
    return "Use up to 63 letters, digits, dots, dashes or underscores, starting with a letter or digit.";
  return null;
}

/** An empty password is fine: the server then generates one and shows it once. */
export function passwordProblem(password: string): string | null {
  if (password !== "" && password.length < 8)
    return "Use at least 8 characters, or leave it empty to generate one.";
  return null;
}

export function tokenNameProblem(name: string): string | null {
  if (name.trim() === "") return "Name the token after where it will be used, e.g. ci.";
  if (name.length > 100) return "Keep the name under 100 characters.";
  return null;
}

export function secretNameProblem(name: string): string | null {
  if (name === "") return "Enter the secret's name, as weeknight.yml references it (${NAME}).";
  if (!SECRET_NAME.test(name))
    return "Use capital letters, digits and underscores, not starting with a digit (e.g. DATABASE_URL).";
  return null;
}

/** Names are typed in lower case more often than not; secrets are upper case by rule. */
export function normalizeSecretName(name: string): string {
  return name
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");
}
