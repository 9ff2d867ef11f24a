#!/usr/bin/env bash
# The scrape workflow's pull-request job: put the fetch job's articles on the scrape branch.
#
#   .github/scripts/push-scraped.sh ARTIFACT_DIR [BRANCH] [EXPECTED_SHA]
#
# Run from a checkout of main at the commit the fetch job started from. ARTIFACT_DIR is
# the fetch job's artifact: articles/ and attachments/SLUG/ (written by `python -m
# scrapers.ci.scrape_pr export`; attachments are checked below),
# pr-body.md and health.json (the sources' health record, committed as scrapers/health.json;
# a regular UTF-8 JSON file with a "sources" object, at most 1 MiB). The fetch job parsed hostile pages, so what it hands on is checked here
# before anything is committed: only regular files named like an article, directly in
# articles/, at most 1 MiB each and valid UTF-8. Anything else stops the job; nothing is
# pushed.
#
# The branch is re-made from main on every run (the fetch job carried the open pull
# request's unmerged items forward) and force-pushed, but only over the branch tip the
# fetch job saw: --force-with-lease with EXPECTED_SHA (empty: the branch must not exist),
# so an editor's push in between is never overwritten. When the branch already holds
# exactly these files nothing is pushed (no new commit, no re-run of the checks).
#
# Credentials come from the environment (the workflow step sets GIT_CONFIG_* for this
# process only), never from .git/config. Prints what it did; writes `pushed=true|false`
# to $GITHUB_OUTPUT when that is set.
set -euo pipefail

src="${1:?usage: push-scraped.sh ARTIFACT_DIR [BRANCH] [EXPECTED_SHA]}"
branch="${2:-scrape/daily}"
expected="${3:-}"
dest=content/articles
max_bytes=$((1024 * 1024))

die() { echo "error: $*" >&2; exit 1; }
output() { if [[ -n "${GITHUB_OUTPUT:-}" ]]; then echo "$1" >> "$GITHUB_OUTPUT"; fi; }

[[ -d "${dest}" ]] || die "run from the repository root (no ${dest}/ here)"
[[ -d "${src}/articles" && ! -L "${src}/articles" ]] || die "${src}/articles: not a directory"
[[ "${branch}" =~ ^[A-Za-z0-9][A-Za-z0-9._/-]*$ ]] || die "bad branch name: ${branch}"
[[ -z "${expected}" || "${expected}" =~ ^[0-9a-f]{40}([0-9a-f]{24})?$ ]] || die "bad expected commit: ${expected}"

[[ "$(git branch --show-current)" != "${branch}" ]] || die "start from a checkout of main, not ${branch}"

# Check everything before copying anything.
files=()
while IFS= read -r -d '' path; do
    name="${path#"${src}/articles/"}"
    shown="$(printf '%q' "${name}")"
    [[ "${name}" =~ ^[0-9A-Za-z][0-9A-Za-z._-]*\.md$ ]] \
        || die "refusing ${shown}: not an article file name (YYYY-MM-DD-xxxxxxxx.md, no directories)"
    [[ -f "${path}" && ! -L "${path}" ]] || die "refusing ${shown}: not a regular file"
    (( $(stat -c %s -- "${path}") <= max_bytes )) || die "refusing ${shown}: larger than ${max_bytes} bytes"
    iconv -f UTF-8 -t UTF-8 -- "${path}" > /dev/null 2>&1 || die "refusing ${shown}: not valid UTF-8"
    files+=("${name}")
done < <(find "${src}/articles" -mindepth 1 -print0 | sort -z)
health="${src}/health.json"
if [[ -e "${health}" || -L "${health}" ]]; then
    [[ -f "${health}" && ! -L "${health}" ]] || die "refusing health.json: not a regular file"
    (( $(stat -c %s -- "${health}") <= max_bytes )) || die "refusing health.json: larger than ${max_bytes} bytes"
    iconv -f UTF-8 -t UTF-8 -- "${health}" > /dev/null 2>&1 || die "refusing health.json: not valid UTF-8"
    jq -e 'type == "object" and (.sources | type == "object")' "${health}" > /dev/null 2>&1 \
        || die "refusing health.json: not a health record (a JSON object with a sources object)"
fi
# Attachments of the articles (scrapers/fetch/attachments.py): attachments/SLUG/NAME.pdf|doc|docx|
# xls|xlsx, plain files of at most 20 MiB that start as their kind's files do (a PDF with
# %PDF-, Word and Excel 97 with the OLE signature, DOCX and XLSX as a ZIP).
attachments=()
if [[ -e "${src}/attachments" || -L "${src}/attachments" ]]; then
    [[ -d "${src}/attachments" && ! -L "${src}/attachments" ]] || die "refusing attachments: not a directory"
    while IFS= read -r -d '' path; do
        rel="${path#"${src}/attachments/"}"
        shown="$(printf '%q' "${rel}")"
        [[ "${rel}" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9a-f]{8}/[A-Za-z0-9][A-Za-z0-9._-]*\.(pdf|doc|docx|xls|xlsx)$ ]] \
            || die "refusing attachment ${shown}: not SLUG/NAME.pdf|doc|docx|xls|xlsx"
        [[ -f "${path}" && ! -L "${path}" ]] || die "refusing attachment ${shown}: not a regular file"
        (( $(stat -c %s -- "${path}") <= 20 * max_bytes )) || die "refusing attachment ${shown}: larger than 20 MiB"
        head="$(head -c 8 -- "${path}" | od -An -tx1 | tr -d ' \n')"
        case "${rel##*.}" in
            pdf) [[ "${head}" == 255044462d* ]] ;;
            doc|xls) [[ "${head}" == d0cf11e0a1b11ae1 ]] ;;
            docx|xlsx) [[ "${head}" == 504b0304* ]] ;;
        esac || die "refusing attachment ${shown}: not a ${rel##*.} file (its first bytes are ${head:-none})"
        attachments+=("${rel}")
    done < <(find "${src}/attachments" -mindepth 1 ! -type d -print0 | sort -z)
fi
# The record of items editors rejected (scrapers/rejected.py), when it changed: committed as
# scrapers/data/rejected.csv so that it reaches main with the merge.
record="${src}/rejected.csv"
if [[ -e "${record}" || -L "${record}" ]]; then
    [[ -f "${record}" && ! -L "${record}" ]] || die "refusing rejected.csv: not a regular file"
    (( $(stat -c %s -- "${record}") <= 16 * max_bytes )) || die "refusing rejected.csv: larger than $((16 * max_bytes)) bytes"
    iconv -f UTF-8 -t UTF-8 -- "${record}" > /dev/null 2>&1 || die "refusing rejected.csv: not valid UTF-8"
    [[ "$(head -n 1 -- "${record}")" == "url,text_hash,simhash,rejected_on,reason,title" ]] \
        || die "refusing rejected.csv: not the rejection record (its header line differs)"
fi

git switch --quiet -C "${branch}"
for name in "${files[@]}"; do
    cp -- "${src}/articles/${name}" "${dest}/${name}"
done
git add -- "${dest}"
if [[ -f "${health}" ]]; then
    mkdir -p scrapers && cp -- "${health}" scrapers/health.json && git add -- scrapers/health.json
fi
if [[ -f "${record}" ]]; then
    mkdir -p scrapers/data && cp -- "${record}" scrapers/data/rejected.csv && git add -- scrapers/data/rejected.csv
fi
for rel in "${attachments[@]}"; do
    mkdir -p -- "content/attachments/${rel%/*}"
    cp -- "${src}/attachments/${rel}" "content/attachments/${rel}"
    git add -- "content/attachments/${rel}"
done
if git diff --cached --quiet; then
    echo "nothing new: ${#files[@]} file(s) handed on, none differs from main; ${branch} left as it is"
    output pushed=false
    exit 0
fi
git -c user.name="github-actions[bot]" \
    -c user.email="41898282+github-actions[bot]@users.noreply.github.com" \
    commit --quiet --no-verify -m "Scraped articles" -m "$(git diff --cached --shortstat)"

if [[ -n "${expected}" ]] && git fetch --quiet --no-tags --depth=1 origin "refs/heads/${branch}" 2>/dev/null \
        && [[ "$(git rev-parse FETCH_HEAD)" == "${expected}" ]] \
        && [[ "$(git rev-parse "FETCH_HEAD^{tree}")" == "$(git rev-parse "HEAD^{tree}")" ]]; then
    echo "${branch} already holds these articles on this main; nothing pushed"
    output pushed=false
    exit 0
fi
git push --quiet --force-with-lease="refs/heads/${branch}:${expected}" origin "HEAD:refs/heads/${branch}" \
    || die "push to ${branch} refused: it changed since the fetch job looked (an editor pushed?); the next run picks it up"
echo "pushed ${#files[@]} article file(s) to ${branch}: $(git log -1 --format=%b)"
output pushed=true
