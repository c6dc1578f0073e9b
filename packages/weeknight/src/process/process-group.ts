import { readdirSync, readFileSync } from "node:fs";

/** Sends a signal to every process in the group; false when the group is gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal); // a negative pid addresses the whole process group
    return true;
  } catch {
    return false; // ESRCH: no such group
  }
}

/**
 * Whether any process of the group is still running. Zombies do not count: in a
 * container whose PID 1 never reaps orphans, killed grandchildren stay zombies
 * forever and would otherwise look alive to `kill(-pgid, 0)`.
 */
export function groupAlive(pgid: number): boolean {
  if (!signalGroup(pgid, 0)) return false;
  if (process.platform !== "linux") return true;
  return hasLiveMember(pgid);
}

function hasLiveMember(pgid: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return true; // cannot tell; trust kill(0)
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(name);
    if (stat && stat.pgrp === pgid && stat.state !== "Z") return true;
  }
  return false;
}

function readStat(pid: string): { state: string; pgrp: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined; // exited while we looked
  }
  // "pid (comm) state ppid pgrp …"; comm may itself contain spaces and parentheses.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const [state, , pgrp] = fields;
  return state === undefined ? undefined : { state, pgrp: Number(pgrp) };
}
