#!/usr/bin/env bash
# Builds a JRE base image from Debian packages alone, as a `docker save` tarball, for machines that reach a
# Debian mirror but no container registry (the default base, eclipse-temurin:17-jre, comes from Docker Hub).
# Jib then builds the five service images on it without a Docker daemon:
#   scripts/debian-jre-base.sh target/jre-base.tar
#   mvn -B -ntp -Pimages -DskipTests package jib:buildTar -Dmodelwatch.image.base=tar://$PWD/target/jre-base.tar
# Needs root and mmdebstrap (apt-get install mmdebstrap); about a minute, 340 MB (Debian 12, OpenJDK 17).
set -euo pipefail
out="${1:?usage: $0 OUT.tar [SUITE] [MIRROR]}"
suite="${2:-bookworm}"
mirror="${3:-http://deb.debian.org/debian}"
command -v mmdebstrap >/dev/null || { echo "mmdebstrap is missing: apt-get install mmdebstrap" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# the root file system as one layer (docs and translations left out; man pages stay: update-alternatives needs them)
mmdebstrap --quiet --variant=essential --include=openjdk-17-jre-headless,ca-certificates \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  "$suite" "$work/layer.tar" "$mirror"

diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
created="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"$created",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"$created","created_by":"scripts/debian-jre-base.sh $suite openjdk-17-jre-headless"}]}
JSON
config="$(sha256sum "$work/config.json" | cut -d' ' -f1).json"
mv "$work/config.json" "$work/$config"
printf '[{"Config":"%s","RepoTags":["modelwatch/jre-base:17-%s"],"Layers":["layer.tar"]}]\n' "$config" "$suite" > "$work/manifest.json"
mkdir -p "$(dirname "$out")"
tar -C "$work" -cf "$out" manifest.json "$config" layer.tar
echo "base image: $out (modelwatch/jre-base:17-$suite, $(du -h "$out" | cut -f1))"
