import type { BuildService } from "../builds/build-service.js";
import type { DeploymentService } from "../deployments/deployment-service.js";
import { DomainError } from "../errors/domain-errors.js";
import type { ProjectService } from "../projects/project-service.js";
import type { FollowUp, Incident, IncidentEvent } from "./incident-store.js";

export interface IncidentSummary extends Omit<Incident, "projectId"> {
  project: string;
}

/** The deploy an incident blames, with the commits it brought. */
export interface Suspect {
  deploymentId: number;
  releaseId: string;
  step: string;
  finishedAt: number | null;
  build: { id: number; sha: string; branch: string };
  commits: { sha: string; author: string; message: string; committedAt: number }[];
}

export interface IncidentDetail extends IncidentSummary {
  timeline: Omit<IncidentEvent, "incidentId">[];
  followUps: Omit<FollowUp, "incidentId">[];
  suspect: Suspect | null;
}

/** Reads what an incident shows through the owning services (never their tables). */
export function createIncidentViews(deps: {
  projects: Pick<ProjectService, "getById">;
  deployments: Pick<DeploymentService, "get">;
  builds: Pick<BuildService, "get">;
}) {
  async function summaries(incidents: Incident[]): Promise<IncidentSummary[]> {
    const names = new Map<number, string>();
    for (const { projectId } of incidents) {
      if (!names.has(projectId))
        names.set(projectId, (await deps.projects.getById(projectId)).name);
    }
    return incidents.map(({ projectId, ...rest }) => ({
      ...rest,
      project: names.get(projectId) ?? "",
    }));
  }

  /** Null when the deploy or its build is gone (a removed project's history). */
  async function suspect(deploymentId: number | null): Promise<Suspect | null> {
    if (deploymentId === null) return null;
    try {
      const deployment = await deps.deployments.get(deploymentId);
      const build = await deps.builds.get(deployment.buildId);
      return {
        deploymentId,
        releaseId: deployment.releaseId,
        step: deployment.step,
        finishedAt: deployment.finishedAt,
        build: { id: build.id, sha: build.sha, branch: build.branch },
        commits: build.commits.map((c) => ({
          sha: c.sha,
          author: c.authorName,
          message: c.message.split("\n")[0] ?? "",
          committedAt: c.committedAt,
        })),
      };
    } catch (error) {
      if (error instanceof DomainError && error.code === "NOT_FOUND") return null;
      throw error;
    }
  }

  async function detail(
    incident: Incident,
    events: IncidentEvent[],
    followUps: FollowUp[],
  ): Promise<IncidentDetail> {
    const [summary] = await summaries([incident]);
    if (!summary) throw new Error("unreachable: one incident makes one summary");
    return {
      ...summary,
      timeline: events.map(({ incidentId: _, ...e }) => e),
      followUps: followUps.map(({ incidentId: _, ...f }) => f),
      suspect: await suspect(incident.deploymentId),
    };
  }

  return { summaries, detail };
}
