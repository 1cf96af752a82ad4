// Test-only oracle for iamlint's differential test: reads cases (JSON lines) from the file
// given as argv[2], evaluates each with @cloud-copilot/iam-simulate (AGPL-3.0, installed in
// a test-only folder, never shipped) and prints one JSON line per case:
//   {"id": N, "result": "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied" | "error", "detail"?: ...}
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
const modules = resolve(process.argv[3]);  // node_modules folder holding the simulator
const require = createRequire(modules + '/');
const { runSimulation } = require('@cloud-copilot/iam-simulate');

const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.trim() !== '');
const out = [];
for (const line of lines) {
  const c = JSON.parse(line);
  const simulation = {
    request: {
      principal: c.principal,
      action: c.action,
      resource: { resource: c.resource, accountId: c.resourceAccount },
      contextVariables: c.context,
    },
    identityPolicies: c.identity.map((p, i) => ({ name: 'identity' + i, policy: p })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    permissionBoundaryPolicies: c.boundary ? [{ name: 'boundary', policy: c.boundary }] : undefined,
    resourcePolicy: c.resourcePolicy,
  };
  try {
    const r = await runSimulation(simulation, {});
    if (r.resultType === 'error') {
      out.push(JSON.stringify({ id: c.id, result: 'error', detail: r.errors }));
    } else {
      out.push(JSON.stringify({ id: c.id, result: r.overallResult ?? r.result?.overallResult ?? 'unknown', raw: r.resultType }));
    }
  } catch (e) {
    out.push(JSON.stringify({ id: c.id, result: 'error', detail: String(e) }));
  }
}
process.stdout.write(out.join('\n') + '\n');
