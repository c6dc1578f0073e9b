/** Hand-written top of docs/configuration.md; the reference below it is generated from the schema. */
export const CONFIG_REFERENCE_INTRO = `# Configuration: \`weeknight.yml\`

Weeknight reads \`weeknight.yml\` from the root of your repository, **at the commit being built**,
so a change to how the app is built travels with the code it builds.

## A complete example

Copy this to \`weeknight.yml\` and change what differs. Only \`project\` and \`build.stages\` are
required; everything else has a default.

\`\`\`yaml
# yaml-language-server: $schema=./node_modules/weeknight/weeknight.schema.json
project: sample-app

build:
  timeout: 30m # per stage, unless a stage sets its own
  env:
    NODE_ENV: test
    PORT: "3000" # values are strings: quote numbers
  stages:
    - name: install
      run: npm ci
      timeout: 10m
    - name: unit
      run: npm test
    - name: integration
      run: npm run test:integration
      timeout: 20m
      env:
        DATABASE_URL: \${TEST_DATABASE_URL}
    - name: package
      run: npm run build
  artifact:
    paths: [dist, node_modules, package.json]
    exclude: [.git, node_modules/.cache]

notify:
  - type: slack
    url: \${SLACK_WEBHOOK_URL}
  - type: webhook
    url: https://example.com/hooks/weeknight
    secret: \${HOOK_SECRET}
    events: [build.failed]
  - type: email
    to: [team@example.com]
    authors: true # also the people whose commits broke the build
\`\`\`

Stages run in order, each as a shell command in a clean checkout of the commit; the build stops
at the first stage that fails or times out. When every stage passes, the files under
\`build.artifact.paths\` are kept as the build's artifact, and that artifact is what gets deployed.

## Secrets

Never write a password, token or webhook URL into \`weeknight.yml\`: it is committed with your code.
Store the value on the Weeknight server and refer to it as \`\${NAME}\` (upper-case letters, digits
and \`_\`). References work in every string value: stage commands, \`env\` values and notification
settings. A reference to a secret the server does not have is left as written and reported by
name.

Because \`\${NAME}\` always means a Weeknight secret, write shell variables in \`run\` as \`$HOME\`,
or escape them as \`$\${HOME}\`, which reaches the shell as \`\${HOME}\`.

## Durations

Timeouts are written as \`500ms\`, \`30s\`, \`10m\` or \`2h\`, or as a plain number of seconds
(\`90\`). A stage may run for at most \`24h\`.

## Editor support

\`packages/weeknight/weeknight.schema.json\` is a JSON Schema for this file; editors that use
[yaml-language-server](https://github.com/redhat-developer/yaml-language-server) (VS Code's YAML
extension, Neovim, Helix, …) complete and check keys as you type when the file starts with:

\`\`\`yaml
# yaml-language-server: $schema=./node_modules/weeknight/weeknight.schema.json
\`\`\`

That path works when the \`weeknight\` package is installed in the repository; otherwise point
\`$schema\` at a copy of \`weeknight.schema.json\`.

## When the file has a mistake

Weeknight reports every problem at once, each with its line and column, the setting, and what to
change. This file:

\`\`\`yaml
project: sample-app
stage: test
build:
  stages:
    - name: unit
      run: 5
notify:
  - type: sms
\`\`\`

is reported as:

\`\`\`text
weeknight.yml:2:1: stage: unknown key "stage" — did you mean "stages" under "build"?
weeknight.yml:6:12: build.stages[0].run: expected a string, got a number
weeknight.yml:8:11: notify[0].type: unknown type "sms" (use one of: slack, webhook, email)
\`\`\`
`;
