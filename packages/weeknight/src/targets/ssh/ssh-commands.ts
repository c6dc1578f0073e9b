/**
 * The shell commands the ssh target sends, as pure functions of their inputs (Kamal-style):
 * every string here is asserted exactly by `ssh-plan.test.ts`. They assume a POSIX login
 * shell and GNU coreutils on the host (`mv -T`, `sha256sum`, `find -printf`).
 */

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one word for a POSIX shell; plain words stay bare so plans read naturally. */
export function shellQuote(word: string): string {
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Where a release lives on a host, all derived from the target's `path`. */
export interface ReleasePaths {
  id: string;
  base: string;
  dir: string;
  tarball: string;
  /** The `current` symlink's target, relative so the base directory can move. */
  link: string;
}

export function releasePaths(base: string, id: string): ReleasePaths {
  const root = base.length > 1 ? base.replace(/\/+$/, "") : base;
  return {
    id,
    base: root,
    dir: `${root}/releases/${id}`,
    tarball: `${root}/releases/${id}.tar.gz`,
    link: `releases/${id}`,
  };
}

const q = shellQuote;

export function mkdirCommand(p: ReleasePaths): string {
  return `mkdir -p ${q(p.dir)}`;
}

export function verifyCommand(p: ReleasePaths, sha256: string): string {
  return `echo ${q(`${sha256}  ${p.tarball}`)} | sha256sum -c -`;
}

export function extractCommand(p: ReleasePaths): string {
  return `tar -xzf ${q(p.tarball)} -C ${q(p.dir)}`;
}

export function removeTarballCommand(p: ReleasePaths): string {
  return `rm -f ${q(p.tarball)}`;
}

/** Drops a release that will never be switched to, so a corrupt upload leaves nothing behind. */
export function cleanupCommand(p: ReleasePaths): string {
  return `rm -rf ${q(p.dir)} ${q(p.tarball)}`;
}

/** `cd … || exit 1;` rather than `&&`, so a user command containing `||` cannot run elsewhere. */
export function inDirCommand(dir: string, command: string): string {
  return `cd ${q(dir)} || exit 1; ${command}`;
}

/**
 * Points `current` at the release atomically (a rename over the old link) and remembers the
 * release it replaced in `previous`, so `status` can tell which release is kept warm.
 */
export function switchCommand(p: ReleasePaths): string {
  const at = (name: string): string => q(`${p.base}/${name}`);
  const link = q(p.link);
  const missing = q(`release ${p.id} is not on this host`);
  return (
    `test -d ${q(p.dir)} || { echo ${missing} >&2; exit 1; }; ` +
    `old=$(readlink ${at("current")}); ` +
    `ln -sfn ${link} ${at("current.tmp")} && mv -Tf ${at("current.tmp")} ${at("current")} && ` +
    `{ [ -z "$old" ] || [ "$old" = ${link} ] || ` +
    `{ ln -sfn "$old" ${at("previous.tmp")} && mv -Tf ${at("previous.tmp")} ${at("previous")}; }; }`
  );
}

/** Keeps the `keep` newest release directories, never removing the protected ones. */
export function pruneCommand(base: string, keep: number, protectedIds: string[]): string {
  const others = Math.max(keep - protectedIds.length, 0);
  const exclude = protectedIds.map((id) => `! -name ${q(id)}`).join(" ");
  return [
    `cd ${q(`${base}/releases`)} || exit 1;`,
    `find . -mindepth 1 -maxdepth 1 -type d ${exclude} -printf '%T@ %f\\n'`,
    `| sort -rn | tail -n +${others + 1} | cut -d' ' -f2- | xargs -r -d '\\n' rm -rf --`,
  ].join(" ");
}

export function healthCommand(port: number, path: string): string {
  return `curl -fsS --max-time 5 ${q(`http://127.0.0.1:${port}${path}`)}`;
}

/** Prints `current=<id>` and `previous=<id>` for the links that point at an existing release. */
export function stateCommand(base: string): string {
  return [
    `cd ${q(base)} 2>/dev/null || exit 0;`,
    'for l in current previous; do t=$(readlink "$l") && [ -d "$t" ] && echo "$l=${t#releases/}";',
    "done; exit 0",
  ].join(" ");
}

/** Reads the output of `stateCommand`. */
export function parseState(output: string): { current: string | null; previous: string | null } {
  const value = (name: string): string | null => {
    const line = output.split("\n").find((l) => l.startsWith(`${name}=`));
    return line ? line.slice(name.length + 1).trim() || null : null;
  };
  return { current: value("current"), previous: value("previous") };
}
