// Generated from the server's OpenAPI document by scripts/api-schema.ts; do not edit.
export interface paths {
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a username and password for a new API token (shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username: string;
                        password: string;
                        /** @default cli */
                        tokenName?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            token: string;
                            user: {
                                id: number;
                                username: string;
                                /** @enum {string} */
                                role: "viewer" | "deployer" | "admin";
                                createdAt: number;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in browser's user and CSRF token (after a page reload) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            username: string;
                            /** @enum {string} */
                            role: "viewer" | "deployer" | "admin";
                            csrfToken: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Sign a browser in: sets an httpOnly session cookie and returns the CSRF token
         * @description Mutating requests made with the cookie must send the token in the `x-csrf-token` header.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                id: number;
                                username: string;
                                /** @enum {string} */
                                role: "viewer" | "deployer" | "admin";
                                createdAt: number;
                            };
                            csrfToken: string;
                            expiresAt: number;
                        };
                    };
                };
            };
        };
        /** Sign the browser out */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            username: string;
                            /** @enum {string} */
                            role: "viewer" | "deployer" | "admin";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            username: string;
                            /** @enum {string} */
                            role: "viewer" | "deployer" | "admin";
                            createdAt: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Create a user; the password is generated when omitted and shown once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username: string;
                        /**
                         * @default viewer
                         * @enum {string}
                         */
                        role?: "viewer" | "deployer" | "admin";
                        password?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                id: number;
                                username: string;
                                /** @enum {string} */
                                role: "viewer" | "deployer" | "admin";
                                createdAt: number;
                            };
                            password: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{username}/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change a user's role */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    username: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        role: "viewer" | "deployer" | "admin";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            username: string;
                            /** @enum {string} */
                            role: "viewer" | "deployer" | "admin";
                            createdAt: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your API tokens (never their values) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            prefix: string;
                            createdAt: number;
                            lastUsedAt: number | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Create an API token for yourself (shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            token: string;
                            apiToken: {
                                id: number;
                                name: string;
                                prefix: string;
                                createdAt: number;
                                lastUsedAt: number | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke one of your tokens */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List projects */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            repoUrl: string;
                            branch: string;
                            pollIntervalMs: number;
                            createdAt: number;
                            lastPolledAt: number | null;
                            lastSeenSha: string | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Register an app repository; the webhook secret is returned once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        repoUrl: string;
                        /** @default main */
                        branch?: string;
                        /**
                         * @description poll interval, e.g. "60s"; 0 turns polling off
                         * @default 60s
                         */
                        poll?: string | number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            project: {
                                id: number;
                                name: string;
                                repoUrl: string;
                                branch: string;
                                pollIntervalMs: number;
                                createdAt: number;
                                lastPolledAt: number | null;
                                lastSeenSha: string | null;
                            };
                            webhookSecret: string;
                            head: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One project */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            repoUrl: string;
                            branch: string;
                            pollIntervalMs: number;
                            createdAt: number;
                            lastPolledAt: number | null;
                            lastSeenSha: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Remove a project with its builds */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/webhook-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project's webhook secret */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            webhookSecret: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/secrets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Names of the project's secrets (values never leave the server) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            updatedAt: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/secrets/{secret}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set a secret referenced as ${NAME} in weeknight.yml */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    secret: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        value: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        post?: never;
        /** Delete a secret */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    secret: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/builds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Builds, newest first (page with `before`) */
        get: {
            parameters: {
                query?: {
                    project?: string;
                    status?: "queued" | "running" | "passed" | "failed" | "cancelled";
                    /** @description only builds with a smaller id */
                    before?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            sha: string;
                            branch: string;
                            /** @enum {string} */
                            status: "queued" | "running" | "passed" | "failed" | "cancelled";
                            trigger: string;
                            queuedAt: number;
                            startedAt: number | null;
                            finishedAt: number | null;
                            error: string | null;
                            stages: {
                                position: number;
                                name: string;
                                /** @enum {string} */
                                status: "pending" | "running" | "passed" | "failed" | "timed-out" | "cancelled" | "skipped";
                                startedAt: number | null;
                                finishedAt: number | null;
                                exitCode: number | null;
                                message: string | null;
                            }[];
                            artifact: {
                                sha256: string;
                                size: number;
                                createdAt: number;
                            } | null;
                            commits: {
                                sha: string;
                                authorName: string;
                                authorEmail: string;
                                message: string;
                                committedAt: number;
                            }[];
                            /**
                             * @description `broke`: failed after the project's previous finished build passed; `fixed`: the reverse
                             * @enum {string|null}
                             */
                            transition: "broke" | "fixed" | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/builds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Build the branch head (or a given commit) now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        sha?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            sha: string;
                            branch: string;
                            /** @enum {string} */
                            status: "queued" | "running" | "passed" | "failed" | "cancelled";
                            trigger: string;
                            queuedAt: number;
                            startedAt: number | null;
                            finishedAt: number | null;
                            error: string | null;
                            stages: {
                                position: number;
                                name: string;
                                /** @enum {string} */
                                status: "pending" | "running" | "passed" | "failed" | "timed-out" | "cancelled" | "skipped";
                                startedAt: number | null;
                                finishedAt: number | null;
                                exitCode: number | null;
                                message: string | null;
                            }[];
                            artifact: {
                                sha256: string;
                                size: number;
                                createdAt: number;
                            } | null;
                            commits: {
                                sha: string;
                                authorName: string;
                                authorEmail: string;
                                message: string;
                                committedAt: number;
                            }[];
                            /**
                             * @description `broke`: failed after the project's previous finished build passed; `fixed`: the reverse
                             * @enum {string|null}
                             */
                            transition: "broke" | "fixed" | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/builds/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One build with stages, artifact and commits */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            sha: string;
                            branch: string;
                            /** @enum {string} */
                            status: "queued" | "running" | "passed" | "failed" | "cancelled";
                            trigger: string;
                            queuedAt: number;
                            startedAt: number | null;
                            finishedAt: number | null;
                            error: string | null;
                            stages: {
                                position: number;
                                name: string;
                                /** @enum {string} */
                                status: "pending" | "running" | "passed" | "failed" | "timed-out" | "cancelled" | "skipped";
                                startedAt: number | null;
                                finishedAt: number | null;
                                exitCode: number | null;
                                message: string | null;
                            }[];
                            artifact: {
                                sha256: string;
                                size: number;
                                createdAt: number;
                            } | null;
                            commits: {
                                sha: string;
                                authorName: string;
                                authorEmail: string;
                                message: string;
                                committedAt: number;
                            }[];
                            /**
                             * @description `broke`: failed after the project's previous finished build passed; `fixed`: the reverse
                             * @enum {string|null}
                             */
                            transition: "broke" | "fixed" | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/builds/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a queued or running build (kills its whole process tree) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            sha: string;
                            branch: string;
                            /** @enum {string} */
                            status: "queued" | "running" | "passed" | "failed" | "cancelled";
                            trigger: string;
                            queuedAt: number;
                            startedAt: number | null;
                            finishedAt: number | null;
                            error: string | null;
                            stages: {
                                position: number;
                                name: string;
                                /** @enum {string} */
                                status: "pending" | "running" | "passed" | "failed" | "timed-out" | "cancelled" | "skipped";
                                startedAt: number | null;
                                finishedAt: number | null;
                                exitCode: number | null;
                                message: string | null;
                            }[];
                            artifact: {
                                sha256: string;
                                size: number;
                                createdAt: number;
                            } | null;
                            commits: {
                                sha: string;
                                authorName: string;
                                authorEmail: string;
                                message: string;
                                committedAt: number;
                            }[];
                            /**
                             * @description `broke`: failed after the project's previous finished build passed; `fixed`: the reverse
                             * @enum {string|null}
                             */
                            transition: "broke" | "fixed" | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/builds/{id}/log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The build log as JSON lines; `follow=true` streams it as Server-Sent Events until the build ends */
        get: {
            parameters: {
                query?: {
                    /** @description only lines numbered above this */
                    after?: number;
                    follow?: "true" | "false";
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            n: number;
                            stage: string;
                            /** @enum {string} */
                            stream: "stdout" | "stderr" | "system";
                            at: number;
                            text: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/builds/{id}/artifact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download the build's artifact (tar.gz); its sha256 is in the X-Weeknight-Sha256 header */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The notification delivery log, newest first */
        get: {
            parameters: {
                query?: {
                    project?: string;
                    build?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            projectId: number;
                            buildId: number | null;
                            event: string;
                            channel: string;
                            target: string;
                            /** @enum {string} */
                            status: "pending" | "delivered" | "failed";
                            attempts: number;
                            lastError: string | null;
                            createdAt: number;
                            finishedAt: number | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/notify/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The notify: channels of the newest passed build's weeknight.yml, redacted */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description position in weeknight.yml's `notify:` list */
                            index: number;
                            /** @enum {string} */
                            type: "slack" | "webhook" | "email";
                            /** @description where it goes, redacted: never a credential */
                            target: string;
                            events: string[];
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/notify/channels/{index}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a test notification through one channel now; answers with the delivery after its one attempt */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    index: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            projectId: number;
                            buildId: number | null;
                            event: string;
                            channel: string;
                            target: string;
                            /** @enum {string} */
                            status: "pending" | "delivered" | "failed";
                            attempts: number;
                            lastError: string | null;
                            createdAt: number;
                            finishedAt: number | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-Sent-Events stream of domain events
         * @description Each event is `event: <type>`, `id: <n>`, `data: <json>`. Reconnect with `Last-Event-ID` to replay missed events.
         */
        get: {
            parameters: {
                query?: {
                    /** @description comma-separated event types or prefixes ending in `*`, e.g. `build.*,delivery.*` */
                    types?: string;
                    /** @description only events of this project */
                    project?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/environments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A project's environments: live release, candidate, what is waiting, next run, last skip */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            deploy: ("on-green" | "manual") | {
                                schedule: string;
                                timezone: string;
                            };
                            requires: string[];
                            target: string;
                            live: {
                                deploymentId: number;
                                buildId: number;
                                releaseId: string;
                                sha: string;
                                author: string;
                                /** @description first line of the live build's commit message */
                                message: string;
                                since: number | null;
                            } | null;
                            candidate: {
                                buildId: number;
                                sha: string;
                                author: string;
                                message: string;
                            } | null;
                            waiting: {
                                sha: string;
                                author: string;
                                message: string;
                                /** @description lines added by the commit, against its first parent */
                                additions: number;
                                deletions: number;
                                /** @description files the commit changed */
                                files: number;
                            }[];
                            lastDeployment: {
                                id: number;
                                step: string;
                                buildId: number;
                            } | null;
                            nextRunAt: number | null;
                            lastSkipReason: string | null;
                            lastSkipAt: number | null;
                            /**
                             * @description `deploying` while a deployment runs; else from the target's last polled status and the last deployment's outcome
                             * @enum {string}
                             */
                            health: "healthy" | "failing" | "deploying" | "unknown";
                            /** @description why, in one sentence */
                            healthDetail: string | null;
                            /** @description risk-based process for the next deploy */
                            control: {
                                /** @description the risk of the change waiting to go out; null when nothing waits */
                                risk: {
                                    level: string;
                                    /** @description every level, lowest first */
                                    levels: string[];
                                    reasons: {
                                        level: string;
                                        text: string;
                                        rule: number | null;
                                    }[];
                                } | null;
                                approvals: {
                                    required: number;
                                    given: {
                                        by: string;
                                        at: number;
                                    }[];
                                };
                                /** @description blocks in force that stop the next deploy */
                                blocks: {
                                    id: number;
                                    project: string;
                                    /** @description null: every environment of the project */
                                    environment: string | null;
                                    /** @description set: only this build is held back */
                                    buildId: number | null;
                                    /** @description set: any change containing this commit is held back */
                                    sha: string | null;
                                    /** @enum {string} */
                                    kind: "manual" | "rollback";
                                    reason: string;
                                    createdBy: string;
                                    createdAt: number;
                                    /** @description null: until someone lifts it */
                                    expiresAt: number | null;
                                    liftedBy: string | null;
                                    liftedAt: number | null;
                                    liftReason: string | null;
                                }[];
                                /** @description every reason a deploy would wait now; empty: it may go */
                                holds: string[];
                                nextTryAt: number | null;
                                timezone: string;
                            } | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/environments/{env}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One environment */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    env: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            deploy: ("on-green" | "manual") | {
                                schedule: string;
                                timezone: string;
                            };
                            requires: string[];
                            target: string;
                            live: {
                                deploymentId: number;
                                buildId: number;
                                releaseId: string;
                                sha: string;
                                author: string;
                                /** @description first line of the live build's commit message */
                                message: string;
                                since: number | null;
                            } | null;
                            candidate: {
                                buildId: number;
                                sha: string;
                                author: string;
                                message: string;
                            } | null;
                            waiting: {
                                sha: string;
                                author: string;
                                message: string;
                                /** @description lines added by the commit, against its first parent */
                                additions: number;
                                deletions: number;
                                /** @description files the commit changed */
                                files: number;
                            }[];
                            lastDeployment: {
                                id: number;
                                step: string;
                                buildId: number;
                            } | null;
                            nextRunAt: number | null;
                            lastSkipReason: string | null;
                            lastSkipAt: number | null;
                            /**
                             * @description `deploying` while a deployment runs; else from the target's last polled status and the last deployment's outcome
                             * @enum {string}
                             */
                            health: "healthy" | "failing" | "deploying" | "unknown";
                            /** @description why, in one sentence */
                            healthDetail: string | null;
                            /** @description risk-based process for the next deploy */
                            control: {
                                /** @description the risk of the change waiting to go out; null when nothing waits */
                                risk: {
                                    level: string;
                                    /** @description every level, lowest first */
                                    levels: string[];
                                    reasons: {
                                        level: string;
                                        text: string;
                                        rule: number | null;
                                    }[];
                                } | null;
                                approvals: {
                                    required: number;
                                    given: {
                                        by: string;
                                        at: number;
                                    }[];
                                };
                                /** @description blocks in force that stop the next deploy */
                                blocks: {
                                    id: number;
                                    project: string;
                                    /** @description null: every environment of the project */
                                    environment: string | null;
                                    /** @description set: only this build is held back */
                                    buildId: number | null;
                                    /** @description set: any change containing this commit is held back */
                                    sha: string | null;
                                    /** @enum {string} */
                                    kind: "manual" | "rollback";
                                    reason: string;
                                    createdBy: string;
                                    createdAt: number;
                                    /** @description null: until someone lifts it */
                                    expiresAt: number | null;
                                    liftedBy: string | null;
                                    liftedAt: number | null;
                                    liftReason: string | null;
                                }[];
                                /** @description every reason a deploy would wait now; empty: it may go */
                                holds: string[];
                                nextTryAt: number | null;
                                timezone: string;
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/environments/{env}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The target's status read now: releases, traffic split and per-release request counts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    env: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the release serving now */
                            live: string | null;
                            /** @description the release kept warm for an instant rollback */
                            warm: string | null;
                            healthy: boolean;
                            detail: string;
                            /** @description how traffic is split; null for targets without a proxy (ssh, command) */
                            routing: {
                                active: string | null;
                                canary: string | null;
                                percent: number;
                            } | null;
                            /** @description per-release traffic counted by the agent's proxy during canary and bake */
                            releases: {
                                id: string;
                                /** @enum {string} */
                                role: "active" | "canary" | "warm" | "none";
                                state: string;
                                requests: number;
                                errors5xx: number;
                                p50Ms: number | null;
                                p95Ms: number | null;
                            }[];
                            events: {
                                at: number;
                                release: string | null;
                                kind: string;
                                message: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Projects × environments: newest build, live release, candidate, what is waiting, next run */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            project: string;
                            lastBuild: {
                                id: number;
                                /** @enum {string} */
                                status: "queued" | "running" | "passed" | "failed" | "cancelled";
                                sha: string;
                                finishedAt: number | null;
                            } | null;
                            environments: {
                                name: string;
                                deploy: ("on-green" | "manual") | {
                                    schedule: string;
                                    timezone: string;
                                };
                                requires: string[];
                                target: string;
                                live: {
                                    deploymentId: number;
                                    buildId: number;
                                    releaseId: string;
                                    sha: string;
                                    author: string;
                                    /** @description first line of the live build's commit message */
                                    message: string;
                                    since: number | null;
                                } | null;
                                candidate: {
                                    buildId: number;
                                    sha: string;
                                    author: string;
                                    message: string;
                                } | null;
                                waiting: {
                                    sha: string;
                                    author: string;
                                    message: string;
                                    /** @description lines added by the commit, against its first parent */
                                    additions: number;
                                    deletions: number;
                                    /** @description files the commit changed */
                                    files: number;
                                }[];
                                lastDeployment: {
                                    id: number;
                                    step: string;
                                    buildId: number;
                                } | null;
                                nextRunAt: number | null;
                                lastSkipReason: string | null;
                                lastSkipAt: number | null;
                                /**
                                 * @description `deploying` while a deployment runs; else from the target's last polled status and the last deployment's outcome
                                 * @enum {string}
                                 */
                                health: "healthy" | "failing" | "deploying" | "unknown";
                                /** @description why, in one sentence */
                                healthDetail: string | null;
                                /** @description risk-based process for the next deploy */
                                control: {
                                    /** @description the risk of the change waiting to go out; null when nothing waits */
                                    risk: {
                                        level: string;
                                        /** @description every level, lowest first */
                                        levels: string[];
                                        reasons: {
                                            level: string;
                                            text: string;
                                            rule: number | null;
                                        }[];
                                    } | null;
                                    approvals: {
                                        required: number;
                                        given: {
                                            by: string;
                                            at: number;
                                        }[];
                                    };
                                    /** @description blocks in force that stop the next deploy */
                                    blocks: {
                                        id: number;
                                        project: string;
                                        /** @description null: every environment of the project */
                                        environment: string | null;
                                        /** @description set: only this build is held back */
                                        buildId: number | null;
                                        /** @description set: any change containing this commit is held back */
                                        sha: string | null;
                                        /** @enum {string} */
                                        kind: "manual" | "rollback";
                                        reason: string;
                                        createdBy: string;
                                        createdAt: number;
                                        /** @description null: until someone lifts it */
                                        expiresAt: number | null;
                                        liftedBy: string | null;
                                        liftedAt: number | null;
                                        liftReason: string | null;
                                    }[];
                                    /** @description every reason a deploy would wait now; empty: it may go */
                                    holds: string[];
                                    nextTryAt: number | null;
                                    timezone: string;
                                } | null;
                            }[];
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/environments/{env}/data/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore the latest backup of `data.refresh_from` into this environment, then run `data.scrub` */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    env: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            environment: string;
                            from: string;
                            backupId: number;
                            scrubMs: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/environments/{env}/deploy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deploy a build (default: the environment's candidate) to an environment */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    env: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        build?: number;
                        /** @description admin only: deploy although a block, approval, window or freeze holds it */
                        force?: {
                            reason: string;
                        };
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            environment: string;
                            buildId: number;
                            releaseId: string;
                            previousDeploymentId: number | null;
                            /** @enum {string} */
                            step: "pending" | "awaiting-approval" | "backing-up" | "starting" | "health-check" | "canary" | "baking" | "succeeded" | "rolling-back" | "rolled-back" | "failed";
                            trigger: string;
                            reason: string | null;
                            createdAt: number;
                            updatedAt: number;
                            finishedAt: number | null;
                            build: {
                                id: number;
                                sha: string;
                                message: string;
                                author: string;
                            };
                            steps: {
                                /** @enum {string} */
                                step: "pending" | "awaiting-approval" | "backing-up" | "starting" | "health-check" | "canary" | "baking" | "succeeded" | "rolling-back" | "rolled-back" | "failed";
                                detail: string | null;
                                at: number;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/environments/{env}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Roll an environment back to the previous release (or a given earlier deployment's) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    env: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description deployment id to return to */
                        to?: number;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            environment: string;
                            buildId: number;
                            releaseId: string;
                            previousDeploymentId: number | null;
                            /** @enum {string} */
                            step: "pending" | "awaiting-approval" | "backing-up" | "starting" | "health-check" | "canary" | "baking" | "succeeded" | "rolling-back" | "rolled-back" | "failed";
                            trigger: string;
                            reason: string | null;
                            createdAt: number;
                            updatedAt: number;
                            finishedAt: number | null;
                            build: {
                                id: number;
                                sha: string;
                                message: string;
                                author: string;
                            };
                            steps: {
                                /** @enum {string} */
                                step: "pending" | "awaiting-approval" | "backing-up" | "starting" | "health-check" | "canary" | "baking" | "succeeded" | "rolling-back" | "rolled-back" | "failed";
                                detail: string | null;
                                at: number;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/promote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deploy what is live on one environment to another */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        from: string;
                        to: string;
                        /** @description admin only: deploy although a block, approval, window, freeze or incident holds it (audited) */
                        force?: {
                            reason: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            environment: string;
                            buildId: number;
                            releaseId: string;
                            previousDeploymentId: number | null;
                            /** @enum {string} */
                            step: "pending" | "awaiting-approval" | "backing-up" | "starting" | "health-check" | "canary" | "baking" | "succeeded" | "rolling-back" | "rolled-back" | "failed";
                            trigger: string;
                            reason: string | null;
                            createdAt: number;
                            updatedAt: number;
                            finishedAt: number | null;
                            build: {
                                id: number;
                                sha: string;
                                message: string;
                                author: string;
                            };
                            steps: {
                                /** @enum {string} */
                                step: "pending" | "awaiting-approval" | "backing-up" | "starting" | "health-check" | "canary" | "baking" | "succeeded" | "rolling-back" | "rolled-back" | "failed";
                                detail: string | null;
                                at: number;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deployments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deployments, newest first (page with `before`) */
        get: {
            parameters: {
                query?: {
                    project?: string;
                    environment?: string;
                    before?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            environment: string;
                            buildId: number;
                            releaseId: string;
                            previousDeploymentId: number | null;
                            /** @enum {string} */
                            step: "pending" | "awaiting-approval" | "backing-up" | "starting" | "health-check" | "canary" | "baking" | "succeeded" | "rolling-back" | "rolled-back" | "failed";
                            trigger: string;
                            reason: string | null;
                            createdAt: number;
                            updatedAt: number;
                            finishedAt: number | null;
                            build: {
                                id: number;
                                sha: string;
                                message: string;
                                author: string;
                            };
                            steps: {
                                /** @enum {string} */
                                step: "pending" | "awaiting-approval" | "backing-up" | "starting" | "health-check" | "canary" | "baking" | "succeeded" | "rolling-back" | "rolled-back" | "failed";
                                detail: string | null;
                                at: number;
                            }[];
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deployments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One deployment with its step timeline */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            environment: string;
                            buildId: number;
                            releaseId: string;
                            previousDeploymentId: number | null;
                            /** @enum {string} */
                            step: "pending" | "awaiting-approval" | "backing-up" | "starting" | "health-check" | "canary" | "baking" | "succeeded" | "rolling-back" | "rolled-back" | "failed";
                            trigger: string;
                            reason: string | null;
                            createdAt: number;
                            updatedAt: number;
                            finishedAt: number | null;
                            build: {
                                id: number;
                                sha: string;
                                message: string;
                                author: string;
                            };
                            steps: {
                                /** @enum {string} */
                                step: "pending" | "awaiting-approval" | "backing-up" | "starting" | "health-check" | "canary" | "baking" | "succeeded" | "rolling-back" | "rolled-back" | "failed";
                                detail: string | null;
                                at: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/environments/{env}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve the candidate (or a given build) for an environment
         * @description Counts towards the approvals its risk level's policy requires. Authors cannot approve their own change; approvals lapse when the candidate changes.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    env: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        build?: number;
                        comment?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            environment: string;
                            buildId: number;
                            approvedBy: string;
                            comment: string | null;
                            createdAt: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Upcoming scheduled deploys with windows, freezes and blocks */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    project?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            from: number;
                            to: number;
                            environments: {
                                project: string;
                                environment: string;
                                timezone: string;
                                /** @description on-green, manual, or the schedule */
                                deploy: string;
                                windows: string[] | null;
                                freezes: {
                                    name: string;
                                    from: number;
                                    to: number;
                                }[];
                                runs: {
                                    at: number;
                                    /** @enum {string} */
                                    status: "deploy" | "frozen" | "outside-window" | "blocked";
                                    reason: string | null;
                                }[];
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Blocks in force now (all=true: every block, lifted and expired too) */
        get: {
            parameters: {
                query?: {
                    project?: string;
                    all?: "true" | "false";
                    /** @description with all=true: only blocks with a smaller id */
                    before?: number;
                    /** @description with all=true */
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            /** @description null: every environment of the project */
                            environment: string | null;
                            /** @description set: only this build is held back */
                            buildId: number | null;
                            /** @description set: any change containing this commit is held back */
                            sha: string | null;
                            /** @enum {string} */
                            kind: "manual" | "rollback";
                            reason: string;
                            createdBy: string;
                            createdAt: number;
                            /** @description null: until someone lifts it */
                            expiresAt: number | null;
                            liftedBy: string | null;
                            liftedAt: number | null;
                            liftReason: string | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/blocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop deploys to an environment (or the whole project, or one build or commit) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description none: every environment */
                        environment?: string;
                        /** @description only this build */
                        build?: number;
                        /** @description any change containing this commit */
                        sha?: string;
                        reason: string;
                        /** @description how long, e.g. "2h" */
                        for?: string;
                        /** @description until when, epoch ms */
                        until?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            /** @description null: every environment of the project */
                            environment: string | null;
                            /** @description set: only this build is held back */
                            buildId: number | null;
                            /** @description set: any change containing this commit is held back */
                            sha: string | null;
                            /** @enum {string} */
                            kind: "manual" | "rollback";
                            reason: string;
                            createdBy: string;
                            createdAt: number;
                            /** @description null: until someone lifts it */
                            expiresAt: number | null;
                            liftedBy: string | null;
                            liftedAt: number | null;
                            liftReason: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/blocks/{id}/lift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lift a block: its author may, and so may any deployer */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            /** @description null: every environment of the project */
                            environment: string | null;
                            /** @description set: only this build is held back */
                            buildId: number | null;
                            /** @description set: any change containing this commit is held back */
                            sha: string | null;
                            /** @enum {string} */
                            kind: "manual" | "rollback";
                            reason: string;
                            createdBy: string;
                            createdAt: number;
                            /** @description null: until someone lifts it */
                            expiresAt: number | null;
                            liftedBy: string | null;
                            liftedAt: number | null;
                            liftReason: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit log, newest first */
        get: {
            parameters: {
                query?: {
                    project?: string;
                    environment?: string;
                    /** @description an action; one ending in `.` (e.g. `deploy.`) matches every action under it */
                    action?: string;
                    actor?: string;
                    /** @description only entries with a smaller id */
                    before?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            at: number;
                            /** @description a username, `slack:<name>`, or `weeknight` for what it did itself */
                            actor: string;
                            /** @description e.g. deploy, deploy.forced, rollback, approve, block, unblock */
                            action: string;
                            /** @description what was acted on, e.g. `block:3` */
                            target: string;
                            project: string | null;
                            environment: string | null;
                            details: {
                                [key: string]: unknown;
                            };
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/flags/{key}/environments/{environment}/admins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn it on for admins (the `admins` segment) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    key: string;
                    environment: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            project: string;
                            /** @enum {string} */
                            type: "release" | "experiment" | "operational" | "kill-switch" | "permission";
                            description: string;
                            createdBy: string;
                            createdAt: number;
                            archivedAt: number | null;
                            /** @description set: it has served everyone long enough; delete it from the code */
                            stale: {
                                environment: string;
                                releasedAt: number;
                                days: number;
                            } | null;
                            environments: {
                                environment: string;
                                enabled: boolean;
                                rules: {
                                    name?: string;
                                    /** @default [] */
                                    constraints: {
                                        contextName: string;
                                        /** @enum {string} */
                                        operator: "IN" | "NOT_IN" | "STR_CONTAINS" | "STR_STARTS_WITH" | "STR_ENDS_WITH" | "NUM_EQ" | "NUM_GT" | "NUM_GTE" | "NUM_LT" | "NUM_LTE" | "DATE_AFTER" | "DATE_BEFORE" | "SEMVER_EQ" | "SEMVER_GT" | "SEMVER_LT";
                                        values?: string[];
                                        value?: string;
                                        inverted?: boolean;
                                        caseInsensitive?: boolean;
                                    }[];
                                    /** @default [] */
                                    segments: string[];
                                    /** @default 100 */
                                    rollout: number;
                                    /** @default default */
                                    stickiness: string;
                                    groupId?: string;
                                    variants?: {
                                        name: string;
                                        weight: number;
                                        payload?: {
                                            /** @enum {string} */
                                            type: "string" | "json" | "number";
                                            value: string;
                                        };
                                        stickiness?: string;
                                    }[];
                                }[];
                                variants: {
                                    name: string;
                                    weight: number;
                                    payload?: {
                                        /** @enum {string} */
                                        type: "string" | "json" | "number";
                                        value: string;
                                    };
                                    stickiness?: string;
                                }[];
                                /** @enum {string} */
                                stage: "off" | "killed" | "admins" | "customers" | "percentage" | "released" | "custom";
                                /** @description percentage: the share rolled out */
                                percent: number | null;
                                /** @description the customer allow-list */
                                customers: string[];
                                ramp: {
                                    steps: {
                                        at: number;
                                        percent: number;
                                        appliedAt: number | null;
                                    }[];
                                    stickiness: string;
                                    createdBy: string;
                                    pausedAt: number | null;
                                    pausedReason: string | null;
                                } | null;
                                /** @description when it became on for everyone here */
                                releasedAt: number | null;
                                updatedBy: string | null;
                                updatedAt: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/flags/{key}/environments/{environment}/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn it on for named customers (customerId IN …) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    key: string;
                    environment: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        customers: string[];
                        /**
                         * @default set
                         * @enum {string}
                         */
                        mode?: "set" | "add" | "remove";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            project: string;
                            /** @enum {string} */
                            type: "release" | "experiment" | "operational" | "kill-switch" | "permission";
                            description: string;
                            createdBy: string;
                            createdAt: number;
                            archivedAt: number | null;
                            /** @description set: it has served everyone long enough; delete it from the code */
                            stale: {
                                environment: string;
                                releasedAt: number;
                                days: number;
                            } | null;
                            environments: {
                                environment: string;
                                enabled: boolean;
                                rules: {
                                    name?: string;
                                    /** @default [] */
                                    constraints: {
                                        contextName: string;
                                        /** @enum {string} */
                                        operator: "IN" | "NOT_IN" | "STR_CONTAINS" | "STR_STARTS_WITH" | "STR_ENDS_WITH" | "NUM_EQ" | "NUM_GT" | "NUM_GTE" | "NUM_LT" | "NUM_LTE" | "DATE_AFTER" | "DATE_BEFORE" | "SEMVER_EQ" | "SEMVER_GT" | "SEMVER_LT";
                                        values?: string[];
                                        value?: string;
                                        inverted?: boolean;
                                        caseInsensitive?: boolean;
                                    }[];
                                    /** @default [] */
                                    segments: string[];
                                    /** @default 100 */
                                    rollout: number;
                                    /** @default default */
                                    stickiness: string;
                                    groupId?: string;
                                    variants?: {
                                        name: string;
                                        weight: number;
                                        payload?: {
                                            /** @enum {string} */
                                            type: "string" | "json" | "number";
                                            value: string;
                                        };
                                        stickiness?: string;
                                    }[];
                                }[];
                                variants: {
                                    name: string;
                                    weight: number;
                                    payload?: {
                                        /** @enum {string} */
                                        type: "string" | "json" | "number";
                                        value: string;
                                    };
                                    stickiness?: string;
                                }[];
                                /** @enum {string} */
                                stage: "off" | "killed" | "admins" | "customers" | "percentage" | "released" | "custom";
                                /** @description percentage: the share rolled out */
                                percent: number | null;
                                /** @description the customer allow-list */
                                customers: string[];
                                ramp: {
                                    steps: {
                                        at: number;
                                        percent: number;
                                        appliedAt: number | null;
                                    }[];
                                    stickiness: string;
                                    createdBy: string;
                                    pausedAt: number | null;
                                    pausedReason: string | null;
                                } | null;
                                /** @description when it became on for everyone here */
                                releasedAt: number | null;
                                updatedBy: string | null;
                                updatedAt: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/flags/{key}/environments/{environment}/rollout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Roll it out to a percentage, sticky by a context field */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    key: string;
                    environment: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        percent: number;
                        /**
                         * @description "default" is userId, then sessionId
                         * @default default
                         */
                        stickiness?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            project: string;
                            /** @enum {string} */
                            type: "release" | "experiment" | "operational" | "kill-switch" | "permission";
                            description: string;
                            createdBy: string;
                            createdAt: number;
                            archivedAt: number | null;
                            /** @description set: it has served everyone long enough; delete it from the code */
                            stale: {
                                environment: string;
                                releasedAt: number;
                                days: number;
                            } | null;
                            environments: {
                                environment: string;
                                enabled: boolean;
                                rules: {
                                    name?: string;
                                    /** @default [] */
                                    constraints: {
                                        contextName: string;
                                        /** @enum {string} */
                                        operator: "IN" | "NOT_IN" | "STR_CONTAINS" | "STR_STARTS_WITH" | "STR_ENDS_WITH" | "NUM_EQ" | "NUM_GT" | "NUM_GTE" | "NUM_LT" | "NUM_LTE" | "DATE_AFTER" | "DATE_BEFORE" | "SEMVER_EQ" | "SEMVER_GT" | "SEMVER_LT";
                                        values?: string[];
                                        value?: string;
                                        inverted?: boolean;
                                        caseInsensitive?: boolean;
                                    }[];
                                    /** @default [] */
                                    segments: string[];
                                    /** @default 100 */
                                    rollout: number;
                                    /** @default default */
                                    stickiness: string;
                                    groupId?: string;
                                    variants?: {
                                        name: string;
                                        weight: number;
                                        payload?: {
                                            /** @enum {string} */
                                            type: "string" | "json" | "number";
                                            value: string;
                                        };
                                        stickiness?: string;
                                    }[];
                                }[];
                                variants: {
                                    name: string;
                                    weight: number;
                                    payload?: {
                                        /** @enum {string} */
                                        type: "string" | "json" | "number";
                                        value: string;
                                    };
                                    stickiness?: string;
                                }[];
                                /** @enum {string} */
                                stage: "off" | "killed" | "admins" | "customers" | "percentage" | "released" | "custom";
                                /** @description percentage: the share rolled out */
                                percent: number | null;
                                /** @description the customer allow-list */
                                customers: string[];
                                ramp: {
                                    steps: {
                                        at: number;
                                        percent: number;
                                        appliedAt: number | null;
                                    }[];
                                    stickiness: string;
                                    createdBy: string;
                                    pausedAt: number | null;
                                    pausedReason: string | null;
                                } | null;
                                /** @description when it became on for everyone here */
                                releasedAt: number | null;
                                updatedBy: string | null;
                                updatedAt: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/flags/{key}/environments/{environment}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Release it: on for everyone */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    key: string;
                    environment: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            project: string;
                            /** @enum {string} */
                            type: "release" | "experiment" | "operational" | "kill-switch" | "permission";
                            description: string;
                            createdBy: string;
                            createdAt: number;
                            archivedAt: number | null;
                            /** @description set: it has served everyone long enough; delete it from the code */
                            stale: {
                                environment: string;
                                releasedAt: number;
                                days: number;
                            } | null;
                            environments: {
                                environment: string;
                                enabled: boolean;
                                rules: {
                                    name?: string;
                                    /** @default [] */
                                    constraints: {
                                        contextName: string;
                                        /** @enum {string} */
                                        operator: "IN" | "NOT_IN" | "STR_CONTAINS" | "STR_STARTS_WITH" | "STR_ENDS_WITH" | "NUM_EQ" | "NUM_GT" | "NUM_GTE" | "NUM_LT" | "NUM_LTE" | "DATE_AFTER" | "DATE_BEFORE" | "SEMVER_EQ" | "SEMVER_GT" | "SEMVER_LT";
                                        values?: string[];
                                        value?: string;
                                        inverted?: boolean;
                                        caseInsensitive?: boolean;
                                    }[];
                                    /** @default [] */
                                    segments: string[];
                                    /** @default 100 */
                                    rollout: number;
                                    /** @default default */
                                    stickiness: string;
                                    groupId?: string;
                                    variants?: {
                                        name: string;
                                        weight: number;
                                        payload?: {
                                            /** @enum {string} */
                                            type: "string" | "json" | "number";
                                            value: string;
                                        };
                                        stickiness?: string;
                                    }[];
                                }[];
                                variants: {
                                    name: string;
                                    weight: number;
                                    payload?: {
                                        /** @enum {string} */
                                        type: "string" | "json" | "number";
                                        value: string;
                                    };
                                    stickiness?: string;
                                }[];
                                /** @enum {string} */
                                stage: "off" | "killed" | "admins" | "customers" | "percentage" | "released" | "custom";
                                /** @description percentage: the share rolled out */
                                percent: number | null;
                                /** @description the customer allow-list */
                                customers: string[];
                                ramp: {
                                    steps: {
                                        at: number;
                                        percent: number;
                                        appliedAt: number | null;
                                    }[];
                                    stickiness: string;
                                    createdBy: string;
                                    pausedAt: number | null;
                                    pausedReason: string | null;
                                } | null;
                                /** @description when it became on for everyone here */
                                releasedAt: number | null;
                                updatedBy: string | null;
                                updatedAt: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/flags/{key}/environments/{environment}/kill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Kill it: off for everyone at once, whatever the rules say */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    key: string;
                    environment: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            project: string;
                            /** @enum {string} */
                            type: "release" | "experiment" | "operational" | "kill-switch" | "permission";
                            description: string;
                            createdBy: string;
                            createdAt: number;
                            archivedAt: number | null;
                            /** @description set: it has served everyone long enough; delete it from the code */
                            stale: {
                                environment: string;
                                releasedAt: number;
                                days: number;
                            } | null;
                            environments: {
                                environment: string;
                                enabled: boolean;
                                rules: {
                                    name?: string;
                                    /** @default [] */
                                    constraints: {
                                        contextName: string;
                                        /** @enum {string} */
                                        operator: "IN" | "NOT_IN" | "STR_CONTAINS" | "STR_STARTS_WITH" | "STR_ENDS_WITH" | "NUM_EQ" | "NUM_GT" | "NUM_GTE" | "NUM_LT" | "NUM_LTE" | "DATE_AFTER" | "DATE_BEFORE" | "SEMVER_EQ" | "SEMVER_GT" | "SEMVER_LT";
                                        values?: string[];
                                        value?: string;
                                        inverted?: boolean;
                                        caseInsensitive?: boolean;
                                    }[];
                                    /** @default [] */
                                    segments: string[];
                                    /** @default 100 */
                                    rollout: number;
                                    /** @default default */
                                    stickiness: string;
                                    groupId?: string;
                                    variants?: {
                                        name: string;
                                        weight: number;
                                        payload?: {
                                            /** @enum {string} */
                                            type: "string" | "json" | "number";
                                            value: string;
                                        };
                                        stickiness?: string;
                                    }[];
                                }[];
                                variants: {
                                    name: string;
                                    weight: number;
                                    payload?: {
                                        /** @enum {string} */
                                        type: "string" | "json" | "number";
                                        value: string;
                                    };
                                    stickiness?: string;
                                }[];
                                /** @enum {string} */
                                stage: "off" | "killed" | "admins" | "customers" | "percentage" | "released" | "custom";
                                /** @description percentage: the share rolled out */
                                percent: number | null;
                                /** @description the customer allow-list */
                                customers: string[];
                                ramp: {
                                    steps: {
                                        at: number;
                                        percent: number;
                                        appliedAt: number | null;
                                    }[];
                                    stickiness: string;
                                    createdBy: string;
                                    pausedAt: number | null;
                                    pausedReason: string | null;
                                } | null;
                                /** @description when it became on for everyone here */
                                releasedAt: number | null;
                                updatedBy: string | null;
                                updatedAt: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/flags/{key}/environments/{environment}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Undo a kill: the rules decide again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    key: string;
                    environment: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            project: string;
                            /** @enum {string} */
                            type: "release" | "experiment" | "operational" | "kill-switch" | "permission";
                            description: string;
                            createdBy: string;
                            createdAt: number;
                            archivedAt: number | null;
                            /** @description set: it has served everyone long enough; delete it from the code */
                            stale: {
                                environment: string;
                                releasedAt: number;
                                days: number;
                            } | null;
                            environments: {
                                environment: string;
                                enabled: boolean;
                                rules: {
                                    name?: string;
                                    /** @default [] */
                                    constraints: {
                                        contextName: string;
                                        /** @enum {string} */
                                        operator: "IN" | "NOT_IN" | "STR_CONTAINS" | "STR_STARTS_WITH" | "STR_ENDS_WITH" | "NUM_EQ" | "NUM_GT" | "NUM_GTE" | "NUM_LT" | "NUM_LTE" | "DATE_AFTER" | "DATE_BEFORE" | "SEMVER_EQ" | "SEMVER_GT" | "SEMVER_LT";
                                        values?: string[];
                                        value?: string;
                                        inverted?: boolean;
                                        caseInsensitive?: boolean;
                                    }[];
                                    /** @default [] */
                                    segments: string[];
                                    /** @default 100 */
                                    rollout: number;
                                    /** @default default */
                                    stickiness: string;
                                    groupId?: string;
                                    variants?: {
                                        name: string;
                                        weight: number;
                                        payload?: {
                                            /** @enum {string} */
                                            type: "string" | "json" | "number";
                                            value: string;
                                        };
                                        stickiness?: string;
                                    }[];
                                }[];
                                variants: {
                                    name: string;
                                    weight: number;
                                    payload?: {
                                        /** @enum {string} */
                                        type: "string" | "json" | "number";
                                        value: string;
                                    };
                                    stickiness?: string;
                                }[];
                                /** @enum {string} */
                                stage: "off" | "killed" | "admins" | "customers" | "percentage" | "released" | "custom";
                                /** @description percentage: the share rolled out */
                                percent: number | null;
                                /** @description the customer allow-list */
                                customers: string[];
                                ramp: {
                                    steps: {
                                        at: number;
                                        percent: number;
                                        appliedAt: number | null;
                                    }[];
                                    stickiness: string;
                                    createdBy: string;
                                    pausedAt: number | null;
                                    pausedReason: string | null;
                                } | null;
                                /** @description when it became on for everyone here */
                                releasedAt: number | null;
                                updatedBy: string | null;
                                updatedAt: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/flags/{key}/environments/{environment}/ramp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Schedule a ramp: rollout steps at given times, paused by firing alerts */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    key: string;
                    environment: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        steps: {
                            at: number;
                            percent: number;
                        }[];
                        /** @default default */
                        stickiness?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            project: string;
                            /** @enum {string} */
                            type: "release" | "experiment" | "operational" | "kill-switch" | "permission";
                            description: string;
                            createdBy: string;
                            createdAt: number;
                            archivedAt: number | null;
                            /** @description set: it has served everyone long enough; delete it from the code */
                            stale: {
                                environment: string;
                                releasedAt: number;
                                days: number;
                            } | null;
                            environments: {
                                environment: string;
                                enabled: boolean;
                                rules: {
                                    name?: string;
                                    /** @default [] */
                                    constraints: {
                                        contextName: string;
                                        /** @enum {string} */
                                        operator: "IN" | "NOT_IN" | "STR_CONTAINS" | "STR_STARTS_WITH" | "STR_ENDS_WITH" | "NUM_EQ" | "NUM_GT" | "NUM_GTE" | "NUM_LT" | "NUM_LTE" | "DATE_AFTER" | "DATE_BEFORE" | "SEMVER_EQ" | "SEMVER_GT" | "SEMVER_LT";
                                        values?: string[];
                                        value?: string;
                                        inverted?: boolean;
                                        caseInsensitive?: boolean;
                                    }[];
                                    /** @default [] */
                                    segments: string[];
                                    /** @default 100 */
                                    rollout: number;
                                    /** @default default */
                                    stickiness: string;
                                    groupId?: string;
                                    variants?: {
                                        name: string;
                                        weight: number;
                                        payload?: {
                                            /** @enum {string} */
                                            type: "string" | "json" | "number";
                                            value: string;
                                        };
                                        stickiness?: string;
                                    }[];
                                }[];
                                variants: {
                                    name: string;
                                    weight: number;
                                    payload?: {
                                        /** @enum {string} */
                                        type: "string" | "json" | "number";
                                        value: string;
                                    };
                                    stickiness?: string;
                                }[];
                                /** @enum {string} */
                                stage: "off" | "killed" | "admins" | "customers" | "percentage" | "released" | "custom";
                                /** @description percentage: the share rolled out */
                                percent: number | null;
                                /** @description the customer allow-list */
                                customers: string[];
                                ramp: {
                                    steps: {
                                        at: number;
                                        percent: number;
                                        appliedAt: number | null;
                                    }[];
                                    stickiness: string;
                                    createdBy: string;
                                    pausedAt: number | null;
                                    pausedReason: string | null;
                                } | null;
                                /** @description when it became on for everyone here */
                                releasedAt: number | null;
                                updatedBy: string | null;
                                updatedAt: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        post?: never;
        /** Cancel a ramp */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    key: string;
                    environment: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            project: string;
                            /** @enum {string} */
                            type: "release" | "experiment" | "operational" | "kill-switch" | "permission";
                            description: string;
                            createdBy: string;
                            createdAt: number;
                            archivedAt: number | null;
                            /** @description set: it has served everyone long enough; delete it from the code */
                            stale: {
                                environment: string;
                                releasedAt: number;
                                days: number;
                            } | null;
                            environments: {
                                environment: string;
                                enabled: boolean;
                                rules: {
                                    name?: string;
                                    /** @default [] */
                                    constraints: {
                                        contextName: string;
                                        /** @enum {string} */
                                        operator: "IN" | "NOT_IN" | "STR_CONTAINS" | "STR_STARTS_WITH" | "STR_ENDS_WITH" | "NUM_EQ" | "NUM_GT" | "NUM_GTE" | "NUM_LT" | "NUM_LTE" | "DATE_AFTER" | "DATE_BEFORE" | "SEMVER_EQ" | "SEMVER_GT" | "SEMVER_LT";
                                        values?: string[];
                                        value?: string;
                                        inverted?: boolean;
                                        caseInsensitive?: boolean;
                                    }[];
                                    /** @default [] */
                                    segments: string[];
                                    /** @default 100 */
                                    rollout: number;
                                    /** @default default */
                                    stickiness: string;
                                    groupId?: string;
                                    variants?: {
                                        name: string;
                                        weight: number;
                                        payload?: {
                                            /** @enum {string} */
                                            type: "string" | "json" | "number";
                                            value: string;
                                        };
                                        stickiness?: string;
                                    }[];
                                }[];
                                variants: {
                                    name: string;
                                    weight: number;
                                    payload?: {
                                        /** @enum {string} */
                                        type: "string" | "json" | "number";
                                        value: string;
                                    };
                                    stickiness?: string;
                                }[];
                                /** @enum {string} */
                                stage: "off" | "killed" | "admins" | "customers" | "percentage" | "released" | "custom";
                                /** @description percentage: the share rolled out */
                                percent: number | null;
                                /** @description the customer allow-list */
                                customers: string[];
                                ramp: {
                                    steps: {
                                        at: number;
                                        percent: number;
                                        appliedAt: number | null;
                                    }[];
                                    stickiness: string;
                                    createdBy: string;
                                    pausedAt: number | null;
                                    pausedReason: string | null;
                                } | null;
                                /** @description when it became on for everyone here */
                                releasedAt: number | null;
                                updatedBy: string | null;
                                updatedAt: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/flags/{key}/environments/{environment}/ramp/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a paused ramp */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    key: string;
                    environment: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            project: string;
                            /** @enum {string} */
                            type: "release" | "experiment" | "operational" | "kill-switch" | "permission";
                            description: string;
                            createdBy: string;
                            createdAt: number;
                            archivedAt: number | null;
                            /** @description set: it has served everyone long enough; delete it from the code */
                            stale: {
                                environment: string;
                                releasedAt: number;
                                days: number;
                            } | null;
                            environments: {
                                environment: string;
                                enabled: boolean;
                                rules: {
                                    name?: string;
                                    /** @default [] */
                                    constraints: {
                                        contextName: string;
                                        /** @enum {string} */
                                        operator: "IN" | "NOT_IN" | "STR_CONTAINS" | "STR_STARTS_WITH" | "STR_ENDS_WITH" | "NUM_EQ" | "NUM_GT" | "NUM_GTE" | "NUM_LT" | "NUM_LTE" | "DATE_AFTER" | "DATE_BEFORE" | "SEMVER_EQ" | "SEMVER_GT" | "SEMVER_LT";
                                        values?: string[];
                                        value?: string;
                                        inverted?: boolean;
                                        caseInsensitive?: boolean;
                                    }[];
                                    /** @default [] */
                                    segments: string[];
                                    /** @default 100 */
                                    rollout: number;
                                    /** @default default */
                                    stickiness: string;
                                    groupId?: string;
                                    variants?: {
                                        name: string;
                                        weight: number;
                                        payload?: {
                                            /** @enum {string} */
                                            type: "string" | "json" | "number";
                                            value: string;
                                        };
                                        stickiness?: string;
                                    }[];
                                }[];
                                variants: {
                                    name: string;
                                    weight: number;
                                    payload?: {
                                        /** @enum {string} */
                                        type: "string" | "json" | "number";
                                        value: string;
                                    };
                                    stickiness?: string;
                                }[];
                                /** @enum {string} */
                                stage: "off" | "killed" | "admins" | "customers" | "percentage" | "released" | "custom";
                                /** @description percentage: the share rolled out */
                                percent: number | null;
                                /** @description the customer allow-list */
                                customers: string[];
                                ramp: {
                                    steps: {
                                        at: number;
                                        percent: number;
                                        appliedAt: number | null;
                                    }[];
                                    stickiness: string;
                                    createdBy: string;
                                    pausedAt: number | null;
                                    pausedReason: string | null;
                                } | null;
                                /** @description when it became on for everyone here */
                                releasedAt: number | null;
                                updatedBy: string | null;
                                updatedAt: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/flags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A project's flags with their state in every environment */
        get: {
            parameters: {
                query?: {
                    /** @description only stale flags */
                    stale?: "true" | "false";
                    /** @description archived ones too */
                    archived?: "true" | "false";
                };
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            project: string;
                            /** @enum {string} */
                            type: "release" | "experiment" | "operational" | "kill-switch" | "permission";
                            description: string;
                            createdBy: string;
                            createdAt: number;
                            archivedAt: number | null;
                            /** @description set: it has served everyone long enough; delete it from the code */
                            stale: {
                                environment: string;
                                releasedAt: number;
                                days: number;
                            } | null;
                            environments: {
                                environment: string;
                                enabled: boolean;
                                rules: {
                                    name?: string;
                                    /** @default [] */
                                    constraints: {
                                        contextName: string;
                                        /** @enum {string} */
                                        operator: "IN" | "NOT_IN" | "STR_CONTAINS" | "STR_STARTS_WITH" | "STR_ENDS_WITH" | "NUM_EQ" | "NUM_GT" | "NUM_GTE" | "NUM_LT" | "NUM_LTE" | "DATE_AFTER" | "DATE_BEFORE" | "SEMVER_EQ" | "SEMVER_GT" | "SEMVER_LT";
                                        values?: string[];
                                        value?: string;
                                        inverted?: boolean;
                                        caseInsensitive?: boolean;
                                    }[];
                                    /** @default [] */
                                    segments: string[];
                                    /** @default 100 */
                                    rollout: number;
                                    /** @default default */
                                    stickiness: string;
                                    groupId?: string;
                                    variants?: {
                                        name: string;
                                        weight: number;
                                        payload?: {
                                            /** @enum {string} */
                                            type: "string" | "json" | "number";
                                            value: string;
                                        };
                                        stickiness?: string;
                                    }[];
                                }[];
                                variants: {
                                    name: string;
                                    weight: number;
                                    payload?: {
                                        /** @enum {string} */
                                        type: "string" | "json" | "number";
                                        value: string;
                                    };
                                    stickiness?: string;
                                }[];
                                /** @enum {string} */
                                stage: "off" | "killed" | "admins" | "customers" | "percentage" | "released" | "custom";
                                /** @description percentage: the share rolled out */
                                percent: number | null;
                                /** @description the customer allow-list */
                                customers: string[];
                                ramp: {
                                    steps: {
                                        at: number;
                                        percent: number;
                                        appliedAt: number | null;
                                    }[];
                                    stickiness: string;
                                    createdBy: string;
                                    pausedAt: number | null;
                                    pausedReason: string | null;
                                } | null;
                                /** @description when it became on for everyone here */
                                releasedAt: number | null;
                                updatedBy: string | null;
                                updatedAt: number | null;
                            }[];
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Create a flag (off everywhere until you turn it on) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        key: string;
                        /**
                         * @default release
                         * @enum {string}
                         */
                        type?: "release" | "experiment" | "operational" | "kill-switch" | "permission";
                        description?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            project: string;
                            /** @enum {string} */
                            type: "release" | "experiment" | "operational" | "kill-switch" | "permission";
                            description: string;
                            createdBy: string;
                            createdAt: number;
                            archivedAt: number | null;
                            /** @description set: it has served everyone long enough; delete it from the code */
                            stale: {
                                environment: string;
                                releasedAt: number;
                                days: number;
                            } | null;
                            environments: {
                                environment: string;
                                enabled: boolean;
                                rules: {
                                    name?: string;
                                    /** @default [] */
                                    constraints: {
                                        contextName: string;
                                        /** @enum {string} */
                                        operator: "IN" | "NOT_IN" | "STR_CONTAINS" | "STR_STARTS_WITH" | "STR_ENDS_WITH" | "NUM_EQ" | "NUM_GT" | "NUM_GTE" | "NUM_LT" | "NUM_LTE" | "DATE_AFTER" | "DATE_BEFORE" | "SEMVER_EQ" | "SEMVER_GT" | "SEMVER_LT";
                                        values?: string[];
                                        value?: string;
                                        inverted?: boolean;
                                        caseInsensitive?: boolean;
                                    }[];
                                    /** @default [] */
                                    segments: string[];
                                    /** @default 100 */
                                    rollout: number;
                                    /** @default default */
                                    stickiness: string;
                                    groupId?: string;
                                    variants?: {
                                        name: string;
                                        weight: number;
                                        payload?: {
                                            /** @enum {string} */
                                            type: "string" | "json" | "number";
                                            value: string;
                                        };
                                        stickiness?: string;
                                    }[];
                                }[];
                                variants: {
                                    name: string;
                                    weight: number;
                                    payload?: {
                                        /** @enum {string} */
                                        type: "string" | "json" | "number";
                                        value: string;
                                    };
                                    stickiness?: string;
                                }[];
                                /** @enum {string} */
                                stage: "off" | "killed" | "admins" | "customers" | "percentage" | "released" | "custom";
                                /** @description percentage: the share rolled out */
                                percent: number | null;
                                /** @description the customer allow-list */
                                customers: string[];
                                ramp: {
                                    steps: {
                                        at: number;
                                        percent: number;
                                        appliedAt: number | null;
                                    }[];
                                    stickiness: string;
                                    createdBy: string;
                                    pausedAt: number | null;
                                    pausedReason: string | null;
                                } | null;
                                /** @description when it became on for everyone here */
                                releasedAt: number | null;
                                updatedBy: string | null;
                                updatedAt: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/flags/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One flag */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    key: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            project: string;
                            /** @enum {string} */
                            type: "release" | "experiment" | "operational" | "kill-switch" | "permission";
                            description: string;
                            createdBy: string;
                            createdAt: number;
                            archivedAt: number | null;
                            /** @description set: it has served everyone long enough; delete it from the code */
                            stale: {
                                environment: string;
                                releasedAt: number;
                                days: number;
                            } | null;
                            environments: {
                                environment: string;
                                enabled: boolean;
                                rules: {
                                    name?: string;
                                    /** @default [] */
                                    constraints: {
                                        contextName: string;
                                        /** @enum {string} */
                                        operator: "IN" | "NOT_IN" | "STR_CONTAINS" | "STR_STARTS_WITH" | "STR_ENDS_WITH" | "NUM_EQ" | "NUM_GT" | "NUM_GTE" | "NUM_LT" | "NUM_LTE" | "DATE_AFTER" | "DATE_BEFORE" | "SEMVER_EQ" | "SEMVER_GT" | "SEMVER_LT";
                                        values?: string[];
                                        value?: string;
                                        inverted?: boolean;
                                        caseInsensitive?: boolean;
                                    }[];
                                    /** @default [] */
                                    segments: string[];
                                    /** @default 100 */
                                    rollout: number;
                                    /** @default default */
                                    stickiness: string;
                                    groupId?: string;
                                    variants?: {
                                        name: string;
                                        weight: number;
                                        payload?: {
                                            /** @enum {string} */
                                            type: "string" | "json" | "number";
                                            value: string;
                                        };
                                        stickiness?: string;
                                    }[];
                                }[];
                                variants: {
                                    name: string;
                                    weight: number;
                                    payload?: {
                                        /** @enum {string} */
                                        type: "string" | "json" | "number";
                                        value: string;
                                    };
                                    stickiness?: string;
                                }[];
                                /** @enum {string} */
                                stage: "off" | "killed" | "admins" | "customers" | "percentage" | "released" | "custom";
                                /** @description percentage: the share rolled out */
                                percent: number | null;
                                /** @description the customer allow-list */
                                customers: string[];
                                ramp: {
                                    steps: {
                                        at: number;
                                        percent: number;
                                        appliedAt: number | null;
                                    }[];
                                    stickiness: string;
                                    createdBy: string;
                                    pausedAt: number | null;
                                    pausedReason: string | null;
                                } | null;
                                /** @description when it became on for everyone here */
                                releasedAt: number | null;
                                updatedBy: string | null;
                                updatedAt: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Archive a flag: SDKs stop seeing it (delete it from the code first) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    key: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            project: string;
                            /** @enum {string} */
                            type: "release" | "experiment" | "operational" | "kill-switch" | "permission";
                            description: string;
                            createdBy: string;
                            createdAt: number;
                            archivedAt: number | null;
                            /** @description set: it has served everyone long enough; delete it from the code */
                            stale: {
                                environment: string;
                                releasedAt: number;
                                days: number;
                            } | null;
                            environments: {
                                environment: string;
                                enabled: boolean;
                                rules: {
                                    name?: string;
                                    /** @default [] */
                                    constraints: {
                                        contextName: string;
                                        /** @enum {string} */
                                        operator: "IN" | "NOT_IN" | "STR_CONTAINS" | "STR_STARTS_WITH" | "STR_ENDS_WITH" | "NUM_EQ" | "NUM_GT" | "NUM_GTE" | "NUM_LT" | "NUM_LTE" | "DATE_AFTER" | "DATE_BEFORE" | "SEMVER_EQ" | "SEMVER_GT" | "SEMVER_LT";
                                        values?: string[];
                                        value?: string;
                                        inverted?: boolean;
                                        caseInsensitive?: boolean;
                                    }[];
                                    /** @default [] */
                                    segments: string[];
                                    /** @default 100 */
                                    rollout: number;
                                    /** @default default */
                                    stickiness: string;
                                    groupId?: string;
                                    variants?: {
                                        name: string;
                                        weight: number;
                                        payload?: {
                                            /** @enum {string} */
                                            type: "string" | "json" | "number";
                                            value: string;
                                        };
                                        stickiness?: string;
                                    }[];
                                }[];
                                variants: {
                                    name: string;
                                    weight: number;
                                    payload?: {
                                        /** @enum {string} */
                                        type: "string" | "json" | "number";
                                        value: string;
                                    };
                                    stickiness?: string;
                                }[];
                                /** @enum {string} */
                                stage: "off" | "killed" | "admins" | "customers" | "percentage" | "released" | "custom";
                                /** @description percentage: the share rolled out */
                                percent: number | null;
                                /** @description the customer allow-list */
                                customers: string[];
                                ramp: {
                                    steps: {
                                        at: number;
                                        percent: number;
                                        appliedAt: number | null;
                                    }[];
                                    stickiness: string;
                                    createdBy: string;
                                    pausedAt: number | null;
                                    pausedReason: string | null;
                                } | null;
                                /** @description when it became on for everyone here */
                                releasedAt: number | null;
                                updatedBy: string | null;
                                updatedAt: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a flag's type or description */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    key: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        type?: "release" | "experiment" | "operational" | "kill-switch" | "permission";
                        description?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            project: string;
                            /** @enum {string} */
                            type: "release" | "experiment" | "operational" | "kill-switch" | "permission";
                            description: string;
                            createdBy: string;
                            createdAt: number;
                            archivedAt: number | null;
                            /** @description set: it has served everyone long enough; delete it from the code */
                            stale: {
                                environment: string;
                                releasedAt: number;
                                days: number;
                            } | null;
                            environments: {
                                environment: string;
                                enabled: boolean;
                                rules: {
                                    name?: string;
                                    /** @default [] */
                                    constraints: {
                                        contextName: string;
                                        /** @enum {string} */
                                        operator: "IN" | "NOT_IN" | "STR_CONTAINS" | "STR_STARTS_WITH" | "STR_ENDS_WITH" | "NUM_EQ" | "NUM_GT" | "NUM_GTE" | "NUM_LT" | "NUM_LTE" | "DATE_AFTER" | "DATE_BEFORE" | "SEMVER_EQ" | "SEMVER_GT" | "SEMVER_LT";
                                        values?: string[];
                                        value?: string;
                                        inverted?: boolean;
                                        caseInsensitive?: boolean;
                                    }[];
                                    /** @default [] */
                                    segments: string[];
                                    /** @default 100 */
                                    rollout: number;
                                    /** @default default */
                                    stickiness: string;
                                    groupId?: string;
                                    variants?: {
                                        name: string;
                                        weight: number;
                                        payload?: {
                                            /** @enum {string} */
                                            type: "string" | "json" | "number";
                                            value: string;
                                        };
                                        stickiness?: string;
                                    }[];
                                }[];
                                variants: {
                                    name: string;
                                    weight: number;
                                    payload?: {
                                        /** @enum {string} */
                                        type: "string" | "json" | "number";
                                        value: string;
                                    };
                                    stickiness?: string;
                                }[];
                                /** @enum {string} */
                                stage: "off" | "killed" | "admins" | "customers" | "percentage" | "released" | "custom";
                                /** @description percentage: the share rolled out */
                                percent: number | null;
                                /** @description the customer allow-list */
                                customers: string[];
                                ramp: {
                                    steps: {
                                        at: number;
                                        percent: number;
                                        appliedAt: number | null;
                                    }[];
                                    stickiness: string;
                                    createdBy: string;
                                    pausedAt: number | null;
                                    pausedReason: string | null;
                                } | null;
                                /** @description when it became on for everyone here */
                                releasedAt: number | null;
                                updatedBy: string | null;
                                updatedAt: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/projects/{name}/flags/{key}/environments/{environment}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace a flag's rules in one environment */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    key: string;
                    environment: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description false: killed, off for everyone
                         * @default true
                         */
                        enabled?: boolean;
                        /** @description the first rule that matches turns the flag on */
                        rules: {
                            name?: string;
                            /** @default [] */
                            constraints?: {
                                contextName: string;
                                /** @enum {string} */
                                operator: "IN" | "NOT_IN" | "STR_CONTAINS" | "STR_STARTS_WITH" | "STR_ENDS_WITH" | "NUM_EQ" | "NUM_GT" | "NUM_GTE" | "NUM_LT" | "NUM_LTE" | "DATE_AFTER" | "DATE_BEFORE" | "SEMVER_EQ" | "SEMVER_GT" | "SEMVER_LT";
                                values?: string[];
                                value?: string;
                                inverted?: boolean;
                                caseInsensitive?: boolean;
                            }[];
                            /** @default [] */
                            segments?: string[];
                            /** @default 100 */
                            rollout?: number;
                            /** @default default */
                            stickiness?: string;
                            groupId?: string;
                            variants?: {
                                name: string;
                                weight: number;
                                payload?: {
                                    /** @enum {string} */
                                    type: "string" | "json" | "number";
                                    value: string;
                                };
                                stickiness?: string;
                            }[];
                        }[];
                        /** @default [] */
                        variants?: {
                            name: string;
                            weight: number;
                            payload?: {
                                /** @enum {string} */
                                type: "string" | "json" | "number";
                                value: string;
                            };
                            stickiness?: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            project: string;
                            /** @enum {string} */
                            type: "release" | "experiment" | "operational" | "kill-switch" | "permission";
                            description: string;
                            createdBy: string;
                            createdAt: number;
                            archivedAt: number | null;
                            /** @description set: it has served everyone long enough; delete it from the code */
                            stale: {
                                environment: string;
                                releasedAt: number;
                                days: number;
                            } | null;
                            environments: {
                                environment: string;
                                enabled: boolean;
                                rules: {
                                    name?: string;
                                    /** @default [] */
                                    constraints: {
                                        contextName: string;
                                        /** @enum {string} */
                                        operator: "IN" | "NOT_IN" | "STR_CONTAINS" | "STR_STARTS_WITH" | "STR_ENDS_WITH" | "NUM_EQ" | "NUM_GT" | "NUM_GTE" | "NUM_LT" | "NUM_LTE" | "DATE_AFTER" | "DATE_BEFORE" | "SEMVER_EQ" | "SEMVER_GT" | "SEMVER_LT";
                                        values?: string[];
                                        value?: string;
                                        inverted?: boolean;
                                        caseInsensitive?: boolean;
                                    }[];
                                    /** @default [] */
                                    segments: string[];
                                    /** @default 100 */
                                    rollout: number;
                                    /** @default default */
                                    stickiness: string;
                                    groupId?: string;
                                    variants?: {
                                        name: string;
                                        weight: number;
                                        payload?: {
                                            /** @enum {string} */
                                            type: "string" | "json" | "number";
                                            value: string;
                                        };
                                        stickiness?: string;
                                    }[];
                                }[];
                                variants: {
                                    name: string;
                                    weight: number;
                                    payload?: {
                                        /** @enum {string} */
                                        type: "string" | "json" | "number";
                                        value: string;
                                    };
                                    stickiness?: string;
                                }[];
                                /** @enum {string} */
                                stage: "off" | "killed" | "admins" | "customers" | "percentage" | "released" | "custom";
                                /** @description percentage: the share rolled out */
                                percent: number | null;
                                /** @description the customer allow-list */
                                customers: string[];
                                ramp: {
                                    steps: {
                                        at: number;
                                        percent: number;
                                        appliedAt: number | null;
                                    }[];
                                    stickiness: string;
                                    createdBy: string;
                                    pausedAt: number | null;
                                    pausedReason: string | null;
                                } | null;
                                /** @description when it became on for everyone here */
                                releasedAt: number | null;
                                updatedBy: string | null;
                                updatedAt: number | null;
                            }[];
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/flags/{key}/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Who gets it: the decision for one context, rule by rule */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    key: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        environment: string;
                        context: {
                            [key: string]: string | {
                                [key: string]: string;
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enabled: boolean;
                            variant: {
                                name: string;
                                enabled: boolean;
                                payload?: {
                                    type: string;
                                    value: string;
                                };
                            };
                            /** @description why, in words */
                            reason: string;
                            rules: {
                                name: string;
                                /** @description its constraints and segments hold */
                                matches: boolean;
                                /** @description and the context falls in its percentage */
                                inRollout: boolean;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/flags/{key}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every change to the flag, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description only entries with a smaller id */
                    before?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    name: string;
                    key: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            at: number;
                            /** @description a username, `slack:<name>`, or `weeknight` for what it did itself */
                            actor: string;
                            /** @description e.g. deploy, deploy.forced, rollback, approve, block, unblock */
                            action: string;
                            /** @description what was acted on, e.g. `block:3` */
                            target: string;
                            project: string | null;
                            environment: string | null;
                            details: {
                                [key: string]: unknown;
                            };
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/flags/{key}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Evaluation counts SDKs reported, per hour, environment and variant */
        get: {
            parameters: {
                query?: {
                    hours?: number;
                };
                header?: never;
                path: {
                    name: string;
                    key: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            environment: string;
                            hour: number;
                            /** @description '' = the flag's yes/no counts */
                            variant: string;
                            yes: number;
                            no: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A project's segments */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            description: string;
                            constraints: {
                                contextName: string;
                                /** @enum {string} */
                                operator: "IN" | "NOT_IN" | "STR_CONTAINS" | "STR_STARTS_WITH" | "STR_ENDS_WITH" | "NUM_EQ" | "NUM_GT" | "NUM_GTE" | "NUM_LT" | "NUM_LTE" | "DATE_AFTER" | "DATE_BEFORE" | "SEMVER_EQ" | "SEMVER_GT" | "SEMVER_LT";
                                values?: string[];
                                value?: string;
                                inverted?: boolean;
                                caseInsensitive?: boolean;
                            }[];
                            /** @description true: the default `admins` (role IN admin), not yet redefined */
                            builtIn: boolean;
                            /** @description flags whose rules use it */
                            usedBy: string[];
                            updatedBy: string | null;
                            updatedAt: number | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/segments/{segment}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create or redefine a segment (every flag using it changes at once) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    segment: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default  */
                        description?: string;
                        constraints: {
                            contextName: string;
                            /** @enum {string} */
                            operator: "IN" | "NOT_IN" | "STR_CONTAINS" | "STR_STARTS_WITH" | "STR_ENDS_WITH" | "NUM_EQ" | "NUM_GT" | "NUM_GTE" | "NUM_LT" | "NUM_LTE" | "DATE_AFTER" | "DATE_BEFORE" | "SEMVER_EQ" | "SEMVER_GT" | "SEMVER_LT";
                            values?: string[];
                            value?: string;
                            inverted?: boolean;
                            caseInsensitive?: boolean;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            description: string;
                            constraints: {
                                contextName: string;
                                /** @enum {string} */
                                operator: "IN" | "NOT_IN" | "STR_CONTAINS" | "STR_STARTS_WITH" | "STR_ENDS_WITH" | "NUM_EQ" | "NUM_GT" | "NUM_GTE" | "NUM_LT" | "NUM_LTE" | "DATE_AFTER" | "DATE_BEFORE" | "SEMVER_EQ" | "SEMVER_GT" | "SEMVER_LT";
                                values?: string[];
                                value?: string;
                                inverted?: boolean;
                                caseInsensitive?: boolean;
                            }[];
                            /** @description true: the default `admins` (role IN admin), not yet redefined */
                            builtIn: boolean;
                            /** @description flags whose rules use it */
                            usedBy: string[];
                            updatedBy: string | null;
                            updatedAt: number | null;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a segment no flag uses */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    segment: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/sdk-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A project's SDK keys (never the keys themselves) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            environment: string;
                            name: string;
                            /** @description the key's first characters, to tell keys apart */
                            prefix: string;
                            createdBy: string;
                            createdAt: number;
                            lastUsedAt: number | null;
                            revokedAt: number | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Create an SDK key for one environment; the key is shown only in this answer */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        environment: string;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            key: string;
                            sdkKey: {
                                id: number;
                                project: string;
                                environment: string;
                                name: string;
                                /** @description the key's first characters, to tell keys apart */
                                prefix: string;
                                createdBy: string;
                                createdAt: number;
                                lastUsedAt: number | null;
                                revokedAt: number | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/sdk-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an SDK key: its SDKs get 401 from then on */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            environment: string;
                            name: string;
                            /** @description the key's first characters, to tell keys apart */
                            prefix: string;
                            createdBy: string;
                            createdAt: number;
                            lastUsedAt: number | null;
                            revokedAt: number | null;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A project's release notes, newest first */
        get: {
            parameters: {
                query?: {
                    environment?: string;
                    before?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            environment: string;
                            buildId: number;
                            deploymentId: number | null;
                            /** @description the live release's commit when drafted; null: first deploy */
                            fromSha: string | null;
                            toSha: string;
                            entries: {
                                sha: string;
                                /** @description Conventional Commits type, or `other` */
                                type: string;
                                scope: string | null;
                                breaking: boolean;
                                subject: string;
                                /** @description what customers read; null: internal only */
                                customer: string | null;
                                author: string;
                                committedAt: number;
                            }[];
                            /** @description markdown for the team */
                            internal: string;
                            /** @description markdown for customers; empty: nothing for them */
                            customer: string;
                            editedBy: string | null;
                            editedAt: number | null;
                            deployedAt: number | null;
                            /** @description when it went to the public changelog */
                            publishedAt: number | null;
                            /** @description when a rollback took it off again */
                            withdrawnAt: number | null;
                            createdAt: number;
                            updatedAt: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/environments/{environment}/notes/next": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The notes of what goes out next (drafted now; edit them before the deploy) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    environment: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            environment: string;
                            buildId: number;
                            deploymentId: number | null;
                            /** @description the live release's commit when drafted; null: first deploy */
                            fromSha: string | null;
                            toSha: string;
                            entries: {
                                sha: string;
                                /** @description Conventional Commits type, or `other` */
                                type: string;
                                scope: string | null;
                                breaking: boolean;
                                subject: string;
                                /** @description what customers read; null: internal only */
                                customer: string | null;
                                author: string;
                                committedAt: number;
                            }[];
                            /** @description markdown for the team */
                            internal: string;
                            /** @description markdown for customers; empty: nothing for them */
                            customer: string;
                            editedBy: string | null;
                            editedAt: number | null;
                            deployedAt: number | null;
                            /** @description when it went to the public changelog */
                            publishedAt: number | null;
                            /** @description when a rollback took it off again */
                            withdrawnAt: number | null;
                            createdAt: number;
                            updatedAt: number;
                        } | null;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One deploy's release notes */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            environment: string;
                            buildId: number;
                            deploymentId: number | null;
                            /** @description the live release's commit when drafted; null: first deploy */
                            fromSha: string | null;
                            toSha: string;
                            entries: {
                                sha: string;
                                /** @description Conventional Commits type, or `other` */
                                type: string;
                                scope: string | null;
                                breaking: boolean;
                                subject: string;
                                /** @description what customers read; null: internal only */
                                customer: string | null;
                                author: string;
                                committedAt: number;
                            }[];
                            /** @description markdown for the team */
                            internal: string;
                            /** @description markdown for customers; empty: nothing for them */
                            customer: string;
                            editedBy: string | null;
                            editedAt: number | null;
                            deployedAt: number | null;
                            /** @description when it went to the public changelog */
                            publishedAt: number | null;
                            /** @description when a rollback took it off again */
                            withdrawnAt: number | null;
                            createdAt: number;
                            updatedAt: number;
                        };
                    };
                };
            };
        };
        /** Edit the team's or the customers' notes (markdown), before or after the deploy */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        internal?: string;
                        customer?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            environment: string;
                            buildId: number;
                            deploymentId: number | null;
                            /** @description the live release's commit when drafted; null: first deploy */
                            fromSha: string | null;
                            toSha: string;
                            entries: {
                                sha: string;
                                /** @description Conventional Commits type, or `other` */
                                type: string;
                                scope: string | null;
                                breaking: boolean;
                                subject: string;
                                /** @description what customers read; null: internal only */
                                customer: string | null;
                                author: string;
                                committedAt: number;
                            }[];
                            /** @description markdown for the team */
                            internal: string;
                            /** @description markdown for customers; empty: nothing for them */
                            customer: string;
                            editedBy: string | null;
                            editedAt: number | null;
                            deployedAt: number | null;
                            /** @description when it went to the public changelog */
                            publishedAt: number | null;
                            /** @description when a rollback took it off again */
                            withdrawnAt: number | null;
                            createdAt: number;
                            updatedAt: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deployments/{id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The release notes of a deployment */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            environment: string;
                            buildId: number;
                            deploymentId: number | null;
                            /** @description the live release's commit when drafted; null: first deploy */
                            fromSha: string | null;
                            toSha: string;
                            entries: {
                                sha: string;
                                /** @description Conventional Commits type, or `other` */
                                type: string;
                                scope: string | null;
                                breaking: boolean;
                                subject: string;
                                /** @description what customers read; null: internal only */
                                customer: string | null;
                                author: string;
                                committedAt: number;
                            }[];
                            /** @description markdown for the team */
                            internal: string;
                            /** @description markdown for customers; empty: nothing for them */
                            customer: string;
                            editedBy: string | null;
                            editedAt: number | null;
                            deployedAt: number | null;
                            /** @description when it went to the public changelog */
                            publishedAt: number | null;
                            /** @description when a rollback took it off again */
                            withdrawnAt: number | null;
                            createdAt: number;
                            updatedAt: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/announcements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A project's announcements, drafts and published, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            title: string;
                            /** @description markdown */
                            body: string;
                            /** @description it gathered what came after this time (the previous announcement) */
                            since: number;
                            gathered: {
                                flags: {
                                    key: string;
                                    description: string;
                                    environment: string;
                                    releasedAt: number;
                                }[];
                                /** @description ids of the release notes it gathered */
                                notes: number[];
                            };
                            createdBy: string;
                            createdAt: number;
                            updatedBy: string;
                            updatedAt: number;
                            publishedBy: string | null;
                            /** @description null: a draft */
                            publishedAt: number | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Draft an announcement of everything released since the last one */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            title: string;
                            /** @description markdown */
                            body: string;
                            /** @description it gathered what came after this time (the previous announcement) */
                            since: number;
                            gathered: {
                                flags: {
                                    key: string;
                                    description: string;
                                    environment: string;
                                    releasedAt: number;
                                }[];
                                /** @description ids of the release notes it gathered */
                                notes: number[];
                            };
                            createdBy: string;
                            createdAt: number;
                            updatedBy: string;
                            updatedAt: number;
                            publishedBy: string | null;
                            /** @description null: a draft */
                            publishedAt: number | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/announcements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One announcement */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            title: string;
                            /** @description markdown */
                            body: string;
                            /** @description it gathered what came after this time (the previous announcement) */
                            since: number;
                            gathered: {
                                flags: {
                                    key: string;
                                    description: string;
                                    environment: string;
                                    releasedAt: number;
                                }[];
                                /** @description ids of the release notes it gathered */
                                notes: number[];
                            };
                            createdBy: string;
                            createdAt: number;
                            updatedBy: string;
                            updatedAt: number;
                            publishedBy: string | null;
                            /** @description null: a draft */
                            publishedAt: number | null;
                        };
                    };
                };
            };
        };
        /** Edit an announcement's title or text (markdown) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        title?: string;
                        body?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            title: string;
                            /** @description markdown */
                            body: string;
                            /** @description it gathered what came after this time (the previous announcement) */
                            since: number;
                            gathered: {
                                flags: {
                                    key: string;
                                    description: string;
                                    environment: string;
                                    releasedAt: number;
                                }[];
                                /** @description ids of the release notes it gathered */
                                notes: number[];
                            };
                            createdBy: string;
                            createdAt: number;
                            updatedBy: string;
                            updatedAt: number;
                            publishedBy: string | null;
                            /** @description null: a draft */
                            publishedAt: number | null;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Discard a draft */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/announcements/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish: to the public changelog, its feeds and the notify channels */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            title: string;
                            /** @description markdown */
                            body: string;
                            /** @description it gathered what came after this time (the previous announcement) */
                            since: number;
                            gathered: {
                                flags: {
                                    key: string;
                                    description: string;
                                    environment: string;
                                    releasedAt: number;
                                }[];
                                /** @description ids of the release notes it gathered */
                                notes: number[];
                            };
                            createdBy: string;
                            createdAt: number;
                            updatedBy: string;
                            updatedAt: number;
                            publishedBy: string | null;
                            /** @description null: a draft */
                            publishedAt: number | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/environments/{env}/monitors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An environment's monitors with their latest result and open alert */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    env: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            /** @enum {string} */
                            type: "http" | "journey" | "browser" | "metrics" | "logs";
                            /** @description also evaluated during deployments; a failure rolls back */
                            gate: boolean;
                            intervalMs: number;
                            /** @enum {string} */
                            status: "pass" | "fail" | "inconclusive" | "unknown";
                            /** @description failed runs in a row */
                            failures: number;
                            failingSince: number | null;
                            lastAt: number | null;
                            message: string | null;
                            durationMs: number | null;
                            /** @description the release serving at the last run */
                            release: string | null;
                            alert: {
                                id: number;
                                /** @enum {string} */
                                state: "pending" | "firing" | "resolved";
                                startedAt: number;
                                firedAt: number | null;
                            } | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/environments/{env}/monitors/{monitor}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A monitor's results, newest first (page with `before`) */
        get: {
            parameters: {
                query?: {
                    /** @description only items with a smaller id */
                    before?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    name: string;
                    env: string;
                    monitor: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            at: number;
                            /** @enum {string} */
                            status: "pass" | "fail" | "inconclusive";
                            durationMs: number;
                            message: string;
                            release: string | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/environments/{env}/monitors/{monitor}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A monitor's older results rolled up per minute or per hour (raw results are kept for 2 days) */
        get: {
            parameters: {
                query: {
                    period?: "minute" | "hour";
                    /** @description epoch ms, inclusive */
                    from: number;
                    /** @description epoch ms, exclusive */
                    to: number;
                };
                header?: never;
                path: {
                    name: string;
                    env: string;
                    monitor: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            start: number;
                            runs: number;
                            passes: number;
                            failures: number;
                            inconclusive: number;
                            durationAvgMs: number;
                            durationMaxMs: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alerts, newest first (page with `before`) */
        get: {
            parameters: {
                query?: {
                    project?: string;
                    environment?: string;
                    /** @description comma-separated states, e.g. `pending,firing` (the open ones) */
                    state?: string;
                    /** @description only items with a smaller id */
                    before?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            projectId: number;
                            project: string;
                            environment: string;
                            monitor: string;
                            /** @enum {string} */
                            state: "pending" | "firing" | "resolved";
                            message: string;
                            release: string | null;
                            /** @description the suspect: the deploy serving when it started */
                            deploymentId: number | null;
                            startedAt: number;
                            firedAt: number | null;
                            resolvedAt: number | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/readiness": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The continuous-deployment readiness checklist and adoption level, computed from weeknight.yml and history */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            project: string;
                            computedAt: number;
                            /** @description the passed build whose weeknight.yml was read; null before the first */
                            configBuildId: number | null;
                            items: {
                                /** @description stable id, e.g. `unit-tests` */
                                id: string;
                                /** @enum {string} */
                                area: "testing" | "deployment" | "monitoring" | "processes";
                                title: string;
                                /**
                                 * @description `partly`: started, but not enough to count
                                 * @enum {string}
                                 */
                                status: "met" | "partly" | "missing";
                                /** @description what was found, or what is missing, naming the weeknight.yml path or the history */
                                detail: string;
                                /** @description `docs/<page>.md#<section>` explaining how to meet it */
                                doc: string;
                            }[];
                            level: {
                                /** @enum {string} */
                                current: "none" | "ci" | "continuous-delivery" | "scheduled-production" | "continuous-deployment";
                                /**
                                 * @description null once every item is met
                                 * @enum {string|null}
                                 */
                                next: "none" | "ci" | "continuous-delivery" | "scheduled-production" | "continuous-deployment" | null;
                                /** @description ids of the items the next level still needs */
                                missingForNext: string[];
                                /** @description every level above `none`, lowest first */
                                ladder: {
                                    /** @enum {string} */
                                    level: "none" | "ci" | "continuous-delivery" | "scheduled-production" | "continuous-deployment";
                                    title: string;
                                    /** @description item ids, this level's and every lower level's */
                                    needs: string[];
                                    reached: boolean;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * DORA metrics of an environment, week by week
         * @description Deployment frequency, lead time for changes, change failure rate, time to restore and batch size per ISO week, with totals and DORA bands for the whole range. See docs/stats.md.
         */
        get: {
            parameters: {
                query?: {
                    /** @description default: `production`, else the last environment in weeknight.yml */
                    environment?: string;
                    /** @description how many weeks, the current one included (1-104) */
                    weeks?: number;
                };
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            project: string;
                            environment: string;
                            /** @description weeks run from Monday 00:00 to Monday 00:00 in this time zone */
                            timezone: string;
                            weeks: {
                                /** @description deployments that went live (succeeded, or rolled back automatically after) */
                                deployments: number;
                                /** @description median commit → live time of the commits first live in the period, in milliseconds */
                                leadTimeMedianMs: number | null;
                                /** @description 90th percentile (nearest rank) of the same lead times, in milliseconds */
                                leadTimeP90Ms: number | null;
                                /** @description deployments rolled back (automatically or by a person) or blamed by an incident */
                                failures: number;
                                /** @description failures / deployments, 0..1 */
                                changeFailureRate: number | null;
                                /** @description failures and unlinked incidents whose service came back */
                                restores: number;
                                /** @description median time from failure to restore, in milliseconds */
                                timeToRestoreMedianMs: number | null;
                                commitsPerDeployMedian: number | null;
                                /** @description lines added + deleted against the release that was live before */
                                linesPerDeployMedian: number | null;
                                /** @description ISO week, e.g. 2025-W10 */
                                week: string;
                                /** @description its Monday, e.g. 2025-03-03 */
                                firstDay: string;
                                start: number;
                                end: number;
                            }[];
                            totals: {
                                /** @description deployments that went live (succeeded, or rolled back automatically after) */
                                deployments: number;
                                /** @description median commit → live time of the commits first live in the period, in milliseconds */
                                leadTimeMedianMs: number | null;
                                /** @description 90th percentile (nearest rank) of the same lead times, in milliseconds */
                                leadTimeP90Ms: number | null;
                                /** @description deployments rolled back (automatically or by a person) or blamed by an incident */
                                failures: number;
                                /** @description failures / deployments, 0..1 */
                                changeFailureRate: number | null;
                                /** @description failures and unlinked incidents whose service came back */
                                restores: number;
                                /** @description median time from failure to restore, in milliseconds */
                                timeToRestoreMedianMs: number | null;
                                commitsPerDeployMedian: number | null;
                                /** @description lines added + deleted against the release that was live before */
                                linesPerDeployMedian: number | null;
                                from: number;
                                to: number;
                                /** @description deployments / weeks (the current week counts as one) */
                                deploysPerWeek: number;
                                /** @description DORA performance bands of the whole range (docs/stats.md); null without data */
                                bands: {
                                    /** @enum {string} */
                                    deploymentFrequency: "elite" | "high" | "medium" | "low";
                                    /** @enum {string|null} */
                                    leadTime: "elite" | "high" | "medium" | "low" | null;
                                    /** @enum {string|null} */
                                    changeFailureRate: "elite" | "high" | "medium" | "low" | null;
                                    /** @enum {string|null} */
                                    timeToRestore: "elite" | "high" | "medium" | "low" | null;
                                };
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/silences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Silences in force now */
        get: {
            parameters: {
                query?: {
                    project?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            environment: string;
                            /** @description null: every monitor of the environment */
                            monitor: string | null;
                            reason: string;
                            createdBy: string;
                            createdAt: number;
                            until: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Hold back an environment's (or one monitor's) alert notifications for a while */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        project: string;
                        environment: string;
                        monitor?: string;
                        /** @description how long, e.g. "2h" (at most 7 days) */
                        for: string | number;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            environment: string;
                            /** @description null: every monitor of the environment */
                            monitor: string | null;
                            reason: string;
                            createdBy: string;
                            createdAt: number;
                            until: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/silences/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End a silence now */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Incidents, newest first (page with `before`) */
        get: {
            parameters: {
                query?: {
                    project?: string;
                    state?: "open" | "resolved";
                    /** @description only incidents with a smaller id */
                    before?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            environment: string;
                            title: string;
                            /** @enum {string} */
                            severity: "sev1" | "sev2" | "sev3";
                            /** @enum {string} */
                            state: "open" | "resolved";
                            /** @description the suspect deploy */
                            deploymentId: number | null;
                            openedAt: number;
                            /** @description `weeknight` when an alert opened it */
                            openedBy: string;
                            resolvedAt: number | null;
                            rootCause: string | null;
                            resolution: string | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Open an incident by hand */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        project: string;
                        environment: string;
                        title: string;
                        /**
                         * @default sev2
                         * @enum {string}
                         */
                        severity?: "sev1" | "sev2" | "sev3";
                        /** @description the suspect deploy */
                        deploymentId?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            environment: string;
                            title: string;
                            /** @enum {string} */
                            severity: "sev1" | "sev2" | "sev3";
                            /** @enum {string} */
                            state: "open" | "resolved";
                            /** @description the suspect deploy */
                            deploymentId: number | null;
                            openedAt: number;
                            /** @description `weeknight` when an alert opened it */
                            openedBy: string;
                            resolvedAt: number | null;
                            rootCause: string | null;
                            resolution: string | null;
                            timeline: {
                                id: number;
                                at: number;
                                /** @enum {string} */
                                kind: "opened" | "reopened" | "alert-fired" | "alert-resolved" | "deployment" | "note" | "root-cause" | "follow-up-added" | "follow-up-done" | "follow-up-undone" | "resolved";
                                text: string;
                                actor: string;
                                alertId: number | null;
                                monitor: string | null;
                                deploymentId: number | null;
                            }[];
                            followUps: {
                                id: number;
                                /** @enum {string} */
                                kind: "missing-test" | "missing-monitor" | "process";
                                text: string;
                                owner: string;
                                done: boolean;
                                createdAt: number;
                                doneAt: number | null;
                            }[];
                            suspect: {
                                deploymentId: number;
                                releaseId: string;
                                step: string;
                                finishedAt: number | null;
                                build: {
                                    id: number;
                                    sha: string;
                                    branch: string;
                                };
                                commits: {
                                    sha: string;
                                    author: string;
                                    message: string;
                                    committedAt: number;
                                }[];
                            } | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An incident with its timeline, follow-ups and suspect deploy's commits */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            environment: string;
                            title: string;
                            /** @enum {string} */
                            severity: "sev1" | "sev2" | "sev3";
                            /** @enum {string} */
                            state: "open" | "resolved";
                            /** @description the suspect deploy */
                            deploymentId: number | null;
                            openedAt: number;
                            /** @description `weeknight` when an alert opened it */
                            openedBy: string;
                            resolvedAt: number | null;
                            rootCause: string | null;
                            resolution: string | null;
                            timeline: {
                                id: number;
                                at: number;
                                /** @enum {string} */
                                kind: "opened" | "reopened" | "alert-fired" | "alert-resolved" | "deployment" | "note" | "root-cause" | "follow-up-added" | "follow-up-done" | "follow-up-undone" | "resolved";
                                text: string;
                                actor: string;
                                alertId: number | null;
                                monitor: string | null;
                                deploymentId: number | null;
                            }[];
                            followUps: {
                                id: number;
                                /** @enum {string} */
                                kind: "missing-test" | "missing-monitor" | "process";
                                text: string;
                                owner: string;
                                done: boolean;
                                createdAt: number;
                                doneAt: number | null;
                            }[];
                            suspect: {
                                deploymentId: number;
                                releaseId: string;
                                step: string;
                                finishedAt: number | null;
                                build: {
                                    id: number;
                                    sha: string;
                                    branch: string;
                                };
                                commits: {
                                    sha: string;
                                    author: string;
                                    message: string;
                                    committedAt: number;
                                }[];
                            } | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a note to an incident's timeline */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        text: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            environment: string;
                            title: string;
                            /** @enum {string} */
                            severity: "sev1" | "sev2" | "sev3";
                            /** @enum {string} */
                            state: "open" | "resolved";
                            /** @description the suspect deploy */
                            deploymentId: number | null;
                            openedAt: number;
                            /** @description `weeknight` when an alert opened it */
                            openedBy: string;
                            resolvedAt: number | null;
                            rootCause: string | null;
                            resolution: string | null;
                            timeline: {
                                id: number;
                                at: number;
                                /** @enum {string} */
                                kind: "opened" | "reopened" | "alert-fired" | "alert-resolved" | "deployment" | "note" | "root-cause" | "follow-up-added" | "follow-up-done" | "follow-up-undone" | "resolved";
                                text: string;
                                actor: string;
                                alertId: number | null;
                                monitor: string | null;
                                deploymentId: number | null;
                            }[];
                            followUps: {
                                id: number;
                                /** @enum {string} */
                                kind: "missing-test" | "missing-monitor" | "process";
                                text: string;
                                owner: string;
                                done: boolean;
                                createdAt: number;
                                doneAt: number | null;
                            }[];
                            suspect: {
                                deploymentId: number;
                                releaseId: string;
                                step: string;
                                finishedAt: number | null;
                                build: {
                                    id: number;
                                    sha: string;
                                    branch: string;
                                };
                                commits: {
                                    sha: string;
                                    author: string;
                                    message: string;
                                    committedAt: number;
                                }[];
                            } | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/root-cause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set (or correct) an incident's root cause */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        rootCause: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            environment: string;
                            title: string;
                            /** @enum {string} */
                            severity: "sev1" | "sev2" | "sev3";
                            /** @enum {string} */
                            state: "open" | "resolved";
                            /** @description the suspect deploy */
                            deploymentId: number | null;
                            openedAt: number;
                            /** @description `weeknight` when an alert opened it */
                            openedBy: string;
                            resolvedAt: number | null;
                            rootCause: string | null;
                            resolution: string | null;
                            timeline: {
                                id: number;
                                at: number;
                                /** @enum {string} */
                                kind: "opened" | "reopened" | "alert-fired" | "alert-resolved" | "deployment" | "note" | "root-cause" | "follow-up-added" | "follow-up-done" | "follow-up-undone" | "resolved";
                                text: string;
                                actor: string;
                                alertId: number | null;
                                monitor: string | null;
                                deploymentId: number | null;
                            }[];
                            followUps: {
                                id: number;
                                /** @enum {string} */
                                kind: "missing-test" | "missing-monitor" | "process";
                                text: string;
                                owner: string;
                                done: boolean;
                                createdAt: number;
                                doneAt: number | null;
                            }[];
                            suspect: {
                                deploymentId: number;
                                releaseId: string;
                                step: string;
                                finishedAt: number | null;
                                build: {
                                    id: number;
                                    sha: string;
                                    branch: string;
                                };
                                commits: {
                                    sha: string;
                                    author: string;
                                    message: string;
                                    committedAt: number;
                                }[];
                            } | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/follow-ups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a follow-up: a missing test, a missing monitor or a process change */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "missing-test" | "missing-monitor" | "process";
                        text: string;
                        /** @description the username of who will do it */
                        owner: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            environment: string;
                            title: string;
                            /** @enum {string} */
                            severity: "sev1" | "sev2" | "sev3";
                            /** @enum {string} */
                            state: "open" | "resolved";
                            /** @description the suspect deploy */
                            deploymentId: number | null;
                            openedAt: number;
                            /** @description `weeknight` when an alert opened it */
                            openedBy: string;
                            resolvedAt: number | null;
                            rootCause: string | null;
                            resolution: string | null;
                            timeline: {
                                id: number;
                                at: number;
                                /** @enum {string} */
                                kind: "opened" | "reopened" | "alert-fired" | "alert-resolved" | "deployment" | "note" | "root-cause" | "follow-up-added" | "follow-up-done" | "follow-up-undone" | "resolved";
                                text: string;
                                actor: string;
                                alertId: number | null;
                                monitor: string | null;
                                deploymentId: number | null;
                            }[];
                            followUps: {
                                id: number;
                                /** @enum {string} */
                                kind: "missing-test" | "missing-monitor" | "process";
                                text: string;
                                owner: string;
                                done: boolean;
                                createdAt: number;
                                doneAt: number | null;
                            }[];
                            suspect: {
                                deploymentId: number;
                                releaseId: string;
                                step: string;
                                finishedAt: number | null;
                                build: {
                                    id: number;
                                    sha: string;
                                    branch: string;
                                };
                                commits: {
                                    sha: string;
                                    author: string;
                                    message: string;
                                    committedAt: number;
                                }[];
                            } | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/follow-ups/{followUpId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Mark a follow-up done (or not done) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                    followUpId: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        done: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            environment: string;
                            title: string;
                            /** @enum {string} */
                            severity: "sev1" | "sev2" | "sev3";
                            /** @enum {string} */
                            state: "open" | "resolved";
                            /** @description the suspect deploy */
                            deploymentId: number | null;
                            openedAt: number;
                            /** @description `weeknight` when an alert opened it */
                            openedBy: string;
                            resolvedAt: number | null;
                            rootCause: string | null;
                            resolution: string | null;
                            timeline: {
                                id: number;
                                at: number;
                                /** @enum {string} */
                                kind: "opened" | "reopened" | "alert-fired" | "alert-resolved" | "deployment" | "note" | "root-cause" | "follow-up-added" | "follow-up-done" | "follow-up-undone" | "resolved";
                                text: string;
                                actor: string;
                                alertId: number | null;
                                monitor: string | null;
                                deploymentId: number | null;
                            }[];
                            followUps: {
                                id: number;
                                /** @enum {string} */
                                kind: "missing-test" | "missing-monitor" | "process";
                                text: string;
                                owner: string;
                                done: boolean;
                                createdAt: number;
                                doneAt: number | null;
                            }[];
                            suspect: {
                                deploymentId: number;
                                releaseId: string;
                                step: string;
                                finishedAt: number | null;
                                build: {
                                    id: number;
                                    sha: string;
                                    branch: string;
                                };
                                commits: {
                                    sha: string;
                                    author: string;
                                    message: string;
                                    committedAt: number;
                                }[];
                            } | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/incidents/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resolve an incident (its root cause must be set first) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        resolution: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            project: string;
                            environment: string;
                            title: string;
                            /** @enum {string} */
                            severity: "sev1" | "sev2" | "sev3";
                            /** @enum {string} */
                            state: "open" | "resolved";
                            /** @description the suspect deploy */
                            deploymentId: number | null;
                            openedAt: number;
                            /** @description `weeknight` when an alert opened it */
                            openedBy: string;
                            resolvedAt: number | null;
                            rootCause: string | null;
                            resolution: string | null;
                            timeline: {
                                id: number;
                                at: number;
                                /** @enum {string} */
                                kind: "opened" | "reopened" | "alert-fired" | "alert-resolved" | "deployment" | "note" | "root-cause" | "follow-up-added" | "follow-up-done" | "follow-up-undone" | "resolved";
                                text: string;
                                actor: string;
                                alertId: number | null;
                                monitor: string | null;
                                deploymentId: number | null;
                            }[];
                            followUps: {
                                id: number;
                                /** @enum {string} */
                                kind: "missing-test" | "missing-monitor" | "process";
                                text: string;
                                owner: string;
                                done: boolean;
                                createdAt: number;
                                doneAt: number | null;
                            }[];
                            suspect: {
                                deploymentId: number;
                                releaseId: string;
                                step: string;
                                finishedAt: number | null;
                                build: {
                                    id: number;
                                    sha: string;
                                    branch: string;
                                };
                                commits: {
                                    sha: string;
                                    author: string;
                                    message: string;
                                    committedAt: number;
                                }[];
                            } | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/fixes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a build as fixing an incident, so defects-first lets it through */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        build: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            incident: number;
                            build: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{name}/environments/{env}/backups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Backups of an environment, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    env: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            projectId: number;
                            environment: string;
                            deploymentId: number | null;
                            /** @enum {string} */
                            kind: "sqlite" | "postgres" | "run";
                            /** @description relative to WEEKNIGHT_HOME; empty unless the backup is ok */
                            file: string;
                            size: number;
                            sha256: string;
                            /** @enum {string} */
                            status: "running" | "ok" | "failed";
                            error: string | null;
                            createdAt: number;
                            /** @description when it was last verified */
                            verifiedAt: number | null;
                            /** @description null when the last verification passed */
                            verifyError: string | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Take a backup of an environment now (waits until it is written) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                    env: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            projectId: number;
                            environment: string;
                            deploymentId: number | null;
                            /** @enum {string} */
                            kind: "sqlite" | "postgres" | "run";
                            /** @description relative to WEEKNIGHT_HOME; empty unless the backup is ok */
                            file: string;
                            size: number;
                            sha256: string;
                            /** @enum {string} */
                            status: "running" | "ok" | "failed";
                            error: string | null;
                            createdAt: number;
                            /** @description when it was last verified */
                            verifiedAt: number | null;
                            /** @description null when the last verification passed */
                            verifyError: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One backup */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            projectId: number;
                            environment: string;
                            deploymentId: number | null;
                            /** @enum {string} */
                            kind: "sqlite" | "postgres" | "run";
                            /** @description relative to WEEKNIGHT_HOME; empty unless the backup is ok */
                            file: string;
                            size: number;
                            sha256: string;
                            /** @enum {string} */
                            status: "running" | "ok" | "failed";
                            error: string | null;
                            createdAt: number;
                            /** @description when it was last verified */
                            verifiedAt: number | null;
                            /** @description null when the last verification passed */
                            verifyError: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backups/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore a backup into its environment's database (replaces the data; sha256 checked first) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            projectId: number;
                            environment: string;
                            deploymentId: number | null;
                            /** @enum {string} */
                            kind: "sqlite" | "postgres" | "run";
                            /** @description relative to WEEKNIGHT_HOME; empty unless the backup is ok */
                            file: string;
                            size: number;
                            sha256: string;
                            /** @enum {string} */
                            status: "running" | "ok" | "failed";
                            error: string | null;
                            createdAt: number;
                            /** @description when it was last verified */
                            verifiedAt: number | null;
                            /** @description null when the last verification passed */
                            verifyError: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/backups/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore a backup into a scratch database and check it; the result is in verifiedAt/verifyError */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        check?: {
                            /** @description passes when it returns at least one row */
                            sql: string;
                        } | {
                            /** @description passes when it exits 0 */
                            command: string;
                        };
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            projectId: number;
                            environment: string;
                            deploymentId: number | null;
                            /** @enum {string} */
                            kind: "sqlite" | "postgres" | "run";
                            /** @description relative to WEEKNIGHT_HOME; empty unless the backup is ok */
                            file: string;
                            size: number;
                            sha256: string;
                            /** @enum {string} */
                            status: "running" | "ok" | "failed";
                            error: string | null;
                            createdAt: number;
                            /** @description when it was last verified */
                            verifiedAt: number | null;
                            /** @description null when the last verification passed */
                            verifyError: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{project}/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Push webhook from GitHub, GitLab, Gitea or a generic HMAC-signed sender */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    project: string;
                    provider: "github" | "gitlab" | "gitea" | "generic";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ping: boolean;
                            ignored: string | null;
                            build: number | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sdk/flags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The SDK key's environment's flags (ETag; If-None-Match answers 304) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sdk/flags/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-Sent Events: `flags` with the whole flag set now and on every change */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sdk/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Evaluation counts for a time window (202) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        appName: string;
                        instanceId: string;
                        /** @description epoch ms */
                        start: number;
                        /** @description epoch ms */
                        stop: number;
                        flags: {
                            [key: string]: {
                                yes: number;
                                no: number;
                                /** @default {} */
                                variants?: {
                                    [key: string]: number;
                                };
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/integrations/slash": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Slack-style slash command: block, unblock, status (signed like Slack) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            response_type: "in_channel" | "ephemeral";
                            text: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
