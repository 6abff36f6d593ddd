#!/usr/bin/env bash
# Package-consumer check: what a user gets from NuGet, tested as a user would use it.
#   bash tests/package-consumer/run.sh PACKAGE_DIR
# PACKAGE_DIR holds the packed .nupkg files (.ci/run packs them into artifacts/packages). The script
#  1. creates a console project OUTSIDE the repository (so the repository's Directory.*.props do not apply) that
#     references AdversarialSampling, AdversarialSampling.Xtb, AdversarialSampling.Slurm and libtorch-cpu-linux-x64, as README's Install says;
#  2. restores it into an empty package folder, so the AdversarialSampling packages come from PACKAGE_DIR and never
#     from a stale global cache (third-party packages come from the global cache as a fallback folder, or the feeds);
#  3. builds and runs it (tests/package-consumer/Program.cs: a small loop on the embedded double well, resume, the
#     xtb setup check, the SLURM options check), then publishes it and runs the published copy - this proves the packaged TorchSharp build fix
#     makes libtorch load on Debian 12 from build and from publish output;
#  4. installs the CLI tool package into a tool path and runs `inspect`, `train` and `predict` (libtorch) with it on the loop's data,
#     then `run` on samples/configs/double-well-2d-tiny.json, `resume` and `status` of that finished run.
# Ends with "package consumer: OK" and exit 0, or names the failing step and exits 1.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
packages="$(cd "${1:?usage: run.sh PACKAGE_DIR}" && pwd)"
fail() { echo "package consumer: FAILED: $*"; exit 1; }

nupkg="$(ls "$packages"/AdversarialSampling.[0-9]*.nupkg 2>/dev/null | head -n 1)"
[ -n "$nupkg" ] || fail "no AdversarialSampling.<version>.nupkg in $packages"
version="$(basename "$nupkg" .nupkg)"; version="${version#AdversarialSampling.}"
libtorch="$(sed -n 's/.*PackageVersion Include="libtorch-cpu-linux-x64" Version="\([^"]*\)".*/\1/p' "$root/Directory.Packages.props")"
[ -n "$libtorch" ] || fail "libtorch-cpu-linux-x64 version not found in Directory.Packages.props"
global="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')"

work="$(mktemp -d /tmp/as-consumer.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/app" "$work/packages"
sed -e "s/@VERSION@/$version/g" -e "s/@LIBTORCH@/$libtorch/g" "$here/Consumer.csproj.template" > "$work/app/Consumer.csproj"
cp "$here/Program.cs" "$work/app/Program.cs"
cat > "$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="as-local" value="$packages" />
  </packageSources>
  <fallbackPackageFolders>
    <add key="global" value="$global" />
  </fallbackPackageFolders>
</configuration>
CONFIG
export NUGET_PACKAGES="$work/packages" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== package consumer: AdversarialSampling $version, libtorch-cpu-linux-x64 $libtorch"
dotnet restore "$work/app/Consumer.csproj" --configfile "$work/nuget.config" -v quiet || fail "restore"
for id in adversarialsampling adversarialsampling.xtb adversarialsampling.slurm; do
  [ -d "$work/packages/$id/$version" ] || fail "$id $version was not taken from $packages (a cached copy elsewhere was used)"
done
dotnet build "$work/app/Consumer.csproj" -c Release --no-restore -v quiet -nologo || fail "build"
dotnet "$work/app/bin/Release/net10.0/Consumer.dll" "$work/run" || fail "the consumer program (see its output above)"
# A published application copies libtorch from the package cache again: the package's publish target must fix it too.
dotnet publish "$work/app/Consumer.csproj" -c Release --no-restore -v quiet -nologo -o "$work/publish" || fail "publish"
dotnet "$work/publish/Consumer.dll" "$work/run-published" || fail "the published consumer program (see its output above)"

echo "== package consumer: CLI tool"
dotnet tool install AdversarialSampling.Cli --version "$version" --tool-path "$work/tools" \
  --configfile "$work/nuget.config" -v quiet >/dev/null || fail "dotnet tool install AdversarialSampling.Cli"
cli="$work/tools/adversarial-sampling"
data="$work/run/generations/gen-001/dataset.extxyz"
"$cli" inspect "$data" || fail "adversarial-sampling inspect"
# train and predict load the tool's own libtorch: this proves the packed tool carries the Debian 12 fix too.
"$cli" train --data "$data" --members 2 --width 16 --depth 2 --components 0,1 --epochs 5 --threads 1 \
  --out "$work/committee" || fail "adversarial-sampling train"
"$cli" predict --committee "$work/committee" --data "$data" --out "$work/predicted.extxyz" --threads 1 \
  || fail "adversarial-sampling predict"
grep -q committee_force_var "$work/predicted.extxyz" || fail "predict wrote no committee_force_var"
# The loop through the tool: the repository's tiny example configuration (seconds), then resume of the finished run.
"$cli" run "$root/samples/configs/double-well-2d-tiny.json" --run-dir "$work/cli-run" >/dev/null || fail "adversarial-sampling run"
[ -f "$work/cli-run/generations/gen-002/report.json" ] || fail "adversarial-sampling run wrote no generation-2 report"
"$cli" resume "$work/cli-run" >/dev/null || fail "adversarial-sampling resume"
"$cli" status "$work/cli-run" | grep -q "^complete: generations 0–2$" || fail "adversarial-sampling status"
echo "package consumer: OK"
