#!/usr/bin/env node
// A committed entry point, so npm can link the command before the first build exists.
import "../dist/main/cli.js";
