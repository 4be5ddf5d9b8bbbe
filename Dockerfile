# The graphapp service image (used by docker-compose.yml).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graphapp ./graphapp
COPY data ./data
COPY cypher ./cypher
RUN pip install --no-cache-dir . && useradd --create-home graphapp
USER graphapp
EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health/ready')"
CMD ["graphapp", "serve"]
