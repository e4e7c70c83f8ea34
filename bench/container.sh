#!/usr/bin/env bash
# Builds the container image without any registry: a Debian base made here with debootstrap, the daemon published
# self-contained, and podman. Then inspects the image (user, entrypoint, healthcheck, exposed port) and tries to run it
# with a mounted config and check /healthz; where the machine does not allow containers to run, says what stopped it.
# The Dockerfile at the root stays the way to build for anyone with normal registry access.
#   bench/container.sh                  # base cached in $BASE_DIR (default /var/tmp/monitor-debian-base)
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${IMAGE:-localhost/monitor:dev}
BASE_IMAGE=localhost/debian-base:bookworm
BASE_DIR=${BASE_DIR:-/var/tmp/monitor-debian-base}
PORT=${PORT:-19464}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

need=()
command -v podman >/dev/null 2>&1 || need+=(podman)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
command -v clang >/dev/null 2>&1 || need+=(clang lld zlib1g-dev)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

work=$(mktemp -d /tmp/monitor-container.XXXXXX)
trap 'podman rm -f monitor-container-check >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# 1. The base: Debian's minimal system with what a self-contained .NET program and the healthcheck need, and the
#    non-root user the daemon runs as (made in the tree, since a RUN step would need a running container).
if ! podman image exists "$BASE_IMAGE"; then
  if [ ! -x "$BASE_DIR/bin/sh" ]; then
    echo "debootstrap: a minimal bookworm in $BASE_DIR (a few minutes)"
    debootstrap --variant=minbase --include=ca-certificates,curl,libssl3,libstdc++6,zlib1g bookworm "$BASE_DIR" >"$work/debootstrap.log" 2>&1 \
      || { tail -n 20 "$work/debootstrap.log"; exit 1; }
  fi
  chroot "$BASE_DIR" sh -c 'id monitor >/dev/null 2>&1 || useradd --system --uid 10001 --home-dir /data monitor; mkdir -p /data /config; chown monitor /data'
  rm -rf "$BASE_DIR"/var/cache/apt/archives/*.deb "$BASE_DIR"/var/lib/apt/lists/*
  tar -C "$BASE_DIR" -c . | podman import - "$BASE_IMAGE" >/dev/null
  echo "base image: $BASE_IMAGE"
fi

# 2. The daemon, self-contained (the runtime packs come from NuGet), with the shipped configs.
echo "publishing (native, linux-x64)"
dotnet publish src/Monitor/Monitor.csproj -c Release -r linux-x64 -o "$work/context/app" -v quiet -nologo >/dev/null
cp -r config "$work/context/config"
cat >"$work/context/Containerfile" <<'CONTAINERFILE'
FROM localhost/debian-base:bookworm
COPY app/ /app/
COPY config/ /config/
USER monitor
WORKDIR /data
VOLUME ["/config", "/data"]
ENV MONITOR__WEB__LISTEN=http://0.0.0.0:9464 \
    MONITOR__DATADIRECTORY=/data \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD curl -fsS http://127.0.0.1:9464/healthz || exit 1
ENTRYPOINT ["/app/monitor"]
CMD ["run", "--config", "/config/monitor.yaml"]
CONTAINERFILE

# 3. The image (docker format: OCI images have no HEALTHCHECK).
podman build --format docker -t "$IMAGE" "$work/context" >"$work/build.log" 2>&1 || { tail -n 20 "$work/build.log"; exit 1; }
echo "built $IMAGE ($(podman image inspect "$IMAGE" --format '{{.Size}}' | awk '{ printf "%.0f MB", $1 / 1e6 }'))"
podman image inspect "$IMAGE" --format 'user: {{.Config.User}}
entrypoint: {{.Config.Entrypoint}} {{.Config.Cmd}}
exposed: {{range $p, $_ := .Config.ExposedPorts}}{{$p}} {{end}}
healthcheck: {{if .HealthCheck}}{{.HealthCheck.Test}} every {{.HealthCheck.Interval}}{{else}}none{{end}}'
[ "$(podman image inspect "$IMAGE" --format '{{.Config.User}}')" = monitor ] || { echo "FAIL: the image does not run as the monitor user"; exit 1; }

# 4. Run it with a mounted config and ask /healthz.
mkdir -p "$work/config"
cat >"$work/config/monitor.yaml" <<'YAML'
monitor:
  project: container-check
YAML
if ! podman run -d --name monitor-container-check -p "127.0.0.1:$PORT:9464" -v "$work/config:/config:ro" "$IMAGE" >"$work/run.log" 2>&1; then
  echo "the container could not run on this machine (the image is built and inspected above):"
  sed 's/^/  /' "$work/run.log" | tail -n 5
  exit 0
fi
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "http://127.0.0.1:$PORT/healthz" && echo "healthz: ok" || { echo "FAIL: /healthz did not answer"; podman logs monitor-container-check | tail -n 20; exit 1; }
echo "user inside: $(podman exec monitor-container-check id -un)"
