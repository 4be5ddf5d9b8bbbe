# The graphapp service image (used by docker-compose.yml), laid out like any install: the wheel's
# package holds the shipped data (seed network, saved queries, map) read only; the user's data folder
# (imports, the curator's drafts and journal) is /var/lib/graphapp, a volume.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY graphapp ./graphapp
COPY data/reference ./data/reference
COPY data/projects ./data/projects
COPY data/documents ./data/documents
COPY cypher ./cypher
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.11-slim
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels \
    && useradd --create-home graphapp \
    && mkdir -p /var/lib/graphapp && chown graphapp:graphapp /var/lib/graphapp
ENV GRAPHAPP_DATA_DIR=/var/lib/graphapp
VOLUME /var/lib/graphapp
USER graphapp
WORKDIR /home/graphapp
EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health/ready')"
CMD ["graphapp", "serve"]
