# briefbot container image: docker build -t briefbot .
# The build command is the one CI runs (.ci/run, "static build").

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/bot ./cmd/bot \
 && mkdir -p /out/data

# distroless/static: no shell, CA certificates, a non-root user (65532).
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/bot /bot
COPY --from=build --chown=65532:65532 /out/data /data
ENV BRIEFBOT_HTTP_ADDR=0.0.0.0:8080 \
    BRIEFBOT_DATA_DIR=/data \
    BRIEFBOT_LOG_FORMAT=json
VOLUME ["/data"]
EXPOSE 8080
USER 65532:65532
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["/bot", "health"]
ENTRYPOINT ["/bot"]
CMD ["serve"]
