/** A released feature an announcement gathered. */
export interface GatheredFlag {
  key: string;
  description: string;
  environment: string;
  releasedAt: number;
}

/** Large-grained news for customers, written by people, published when they decide. */
export interface Announcement {
  id: number;
  projectId: number;
  title: string;
  /** Markdown. */
  body: string;
  /** It gathered what was released or published after this time (the previous announcement). */
  since: number;
  gathered: { flags: GatheredFlag[]; notes: number[] };
  createdBy: string;
  createdAt: number;
  updatedBy: string;
  updatedAt: number;
  publishedBy: string | null;
  publishedAt: number | null;
}

export type NewAnnouncement = Pick<
  Announcement,
  "projectId" | "title" | "body" | "since" | "gathered" | "createdBy" | "createdAt"
>;

export interface AnnouncementStore {
  create(announcement: NewAnnouncement): Promise<Announcement>;
  get(id: number): Promise<Announcement | null>;
  /** Newest first; drafts and published. */
  list(projectId: number, filter: { published?: boolean; limit: number }): Promise<Announcement[]>;
  update(
    id: number,
    patch: Partial<
      Pick<
        Announcement,
        "title" | "body" | "updatedBy" | "updatedAt" | "publishedBy" | "publishedAt"
      >
    >,
  ): Promise<Announcement>;
  /** False when there was no such draft (published ones stay). */
  deleteDraft(id: number): Promise<boolean>;
}
