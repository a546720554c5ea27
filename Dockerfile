# The image holds the installed wheel, not the source tree.
#   docker build -t cafe-board .    then    docker run -p 5000:5000 cafe-board
# The build stage makes the sdist and, from it, the wheel: setup.py copies the templates and
# the static files into the package and compiles the catalogues. The final stage installs
# that wheel and its dependencies, and nothing else of the repository.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN pip install "build>=1.2"
WORKDIR /src
COPY pyproject.toml setup.py MANIFEST.in README.md CHANGELOG.md babel.cfg ./
COPY server ./server
COPY templates ./templates
COPY static ./static
COPY translations ./translations
RUN python -m build --outdir /dist .

FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY --from=build /dist/*.whl /tmp/
RUN pip install /tmp/*.whl && rm /tmp/*.whl
# Started here, the embedded Redis (when CAFE_REDIS_URL is unset) keeps its data in
# /data/instance; docker-compose.yml gives the app a Redis of its own instead.
WORKDIR /data
EXPOSE 5000
CMD ["cafe", "serve", "--host", "0.0.0.0", "--port", "5000"]
