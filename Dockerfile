FROM python:3.11-slim
WORKDIR /app
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
COPY pyproject.toml README.md ./
COPY server ./server
COPY templates ./templates
COPY static ./static
COPY translations ./translations
# Editable install: templates, static files and catalogues stay beside the package.
RUN pip install -e . && pybabel compile -d translations
EXPOSE 5000
CMD ["cafe", "serve", "--host", "0.0.0.0", "--port", "5000"]
