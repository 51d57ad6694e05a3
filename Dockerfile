# ivrsim in a container: a static binary on a small base that has a shell,
# so a Kubernetes Job can run "sh -c 'ivrsim run ... --shard $((JOB_COMPLETION_INDEX + 1))/8'".
#   docker build -t ivrsim --build-arg VERSION=v1.2.0 .
#   docker run --rm ivrsim run erlang-a --reps 2
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY cmd ./cmd
COPY models ./models
COPY results ./results
COPY scenarios ./scenarios
COPY sim ./sim
ARG VERSION=devel
ARG COMMIT=
RUN CGO_ENABLED=0 go build -trimpath -buildvcs=false \
      -ldflags "-s -w -X main.version=${VERSION} -X main.commit=${COMMIT}" \
      -o /out/ivrsim ./cmd/ivrsim && mkdir -p /out/data

FROM busybox:1.37-musl
COPY --from=build /out/ivrsim /usr/local/bin/ivrsim
# A working directory the user below can write results into (or mount one).
COPY --from=build --chown=65532:65532 /out/data /data
# Not root: a numeric user, so Kubernetes' runAsNonRoot can verify it.
USER 65532:65532
WORKDIR /data
ENTRYPOINT ["ivrsim"]
CMD ["--help"]
