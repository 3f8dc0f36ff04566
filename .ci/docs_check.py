#!/usr/bin/env python3
"""The documentation checks of .ci/docs-check (python3 standard library only).

  python3 .ci/docs_check.py links  ROOT   every relative link of README.md, docs/*.md and bench/results/*.md
                                          resolves: the file or directory exists and a #fragment names a heading
                                          (GitHub's anchors) or an explicit anchor of the target Markdown file
  python3 .ci/docs_check.py config ROOT   the configuration table of docs/operations.md and the code agree:
                                          every campus.* / CAMPUS_* setting of application.properties has a row,
                                          every name in a row exists in application.properties or the Java sources,
                                          and a default the code sets is the default the row shows
  python3 .ci/docs_check.py tour-script README PORT OUT   writes OUT/tour.sh: the README's ```bash tour blocks,
                                          localhost:8080 replaced by localhost:PORT, each block's output captured
  python3 .ci/docs_check.py tour-compare README OUT       compares each block's output with the ```<lang>
                                          tour-answer block after it (JSON: ids, times, trace ids and cursors by shape)

Each command prints what is wrong and exits 1, or prints a one-line summary and exits 0.
"""
import json
import os
import re
import sys
import unicodedata

DOC_GLOBS = [("", "README.md"), ("docs", ".md"), ("bench/results", ".md")]


def documents(root):
    """The Markdown files whose links are checked, as paths relative to root."""
    found = []
    if os.path.isfile(os.path.join(root, "README.md")):
        found.append("README.md")
    for folder in ("docs", "bench/results"):
        directory = os.path.join(root, folder)
        if os.path.isdir(directory):
            found += sorted(folder + "/" + name for name in os.listdir(directory) if name.endswith(".md"))
    return found


# ---- Markdown: fences, headings, links ------------------------------------------------------------------------

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")


def outside_fences(text):
    """The lines of text with fenced code blocks blanked out (line numbers stay)."""
    lines, fence = [], None
    for line in text.split("\n"):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            lines.append("")
        elif fence is not None:
            if line.strip().startswith(fence[0] * len(fence)) and line.strip().strip(fence[0]) == "":
                fence = None
            lines.append("")
        else:
            lines.append(line)
    return lines


def github_anchor(heading):
    """The anchor GitHub gives a heading (github-slugger): inline markup dropped, lower case, punctuation removed,
    spaces to hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # links and images: their text
    text = re.sub(r"<[^>]+>", "", text)  # inline HTML
    text = text.replace("`", "").replace("*", "")
    text = re.sub(r"(?<!\w)_+|_+(?!\w)", "", text)  # emphasis underscores, not those inside words
    text = text.strip().lower()
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char in " -_" or category[0] in "LN" or category == "Mn":
            kept.append(char)
    return "".join(kept).replace(" ", "-")


def anchors(text):
    """Every anchor a Markdown text defines: its headings' (with GitHub's -1, -2 for repeats) and explicit ones."""
    seen, result = {}, set()
    for line in outside_fences(text):
        match = re.match(r"^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
        if match:
            base = github_anchor(match.group(1))
            count = seen.get(base, 0)
            seen[base] = count + 1
            result.add(base if count == 0 else "%s-%d" % (base, count))
        for explicit in re.findall(r"""<a\s[^>]*(?:name|id)\s*=\s*["']([^"']+)["']""", line):
            result.add(explicit)
    return result


INLINE_LINK = re.compile(r"\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")


def links(text):
    """(line number, target) of every link outside code: inline links and reference definitions."""
    found = []
    for number, line in enumerate(outside_fences(text), 1):
        line = re.sub(r"(`+)(?:(?!\1).)+\1", "", line)  # inline code spans
        for target in INLINE_LINK.findall(line):
            found.append((number, target))
        match = REFERENCE_DEFINITION.match(line)
        if match:
            found.append((number, match.group(1)))
    return found


def check_links(root):
    problems, checked = [], 0
    cache = {}
    for document in documents(root):
        with open(os.path.join(root, document), encoding="utf-8") as handle:
            text = handle.read()
        for number, target in links(text):
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith("//"):
                continue  # absolute URLs (https:, mailto:) are not this check's business
            checked += 1
            path, _, fragment = target.partition("#")
            where = "%s:%d: %s" % (document, number, target)
            if path:
                if path.startswith("/"):
                    problems.append(where + ": absolute path; GitHub resolves it against the site, use a relative one")
                    continue
                resolved = os.path.normpath(os.path.join(os.path.dirname(os.path.join(root, document)), path))
                if os.path.relpath(resolved, root).split(os.sep)[0] == "..":
                    problems.append(where + ": points outside the repository")
                    continue
                if not os.path.exists(resolved):
                    problems.append(where + ": no such file or directory")
                    continue
            else:
                resolved = os.path.join(root, document)
            if fragment:
                if not resolved.endswith(".md") or os.path.isdir(resolved):
                    continue  # anchors of other files (line numbers of code) are GitHub's
                if resolved not in cache:
                    with open(resolved, encoding="utf-8") as handle:
                        cache[resolved] = anchors(handle.read())
                if fragment not in cache[resolved]:
                    problems.append(where + ": no heading or anchor #%s in %s" % (fragment, os.path.relpath(resolved, root)))
    return problems, checked


# ---- the configuration table ------------------------------------------------------------------------------------

def env_name(name):
    """A setting's environment-variable form, as Quarkus maps them: non-alphanumerics to _, upper case."""
    return re.sub(r"[^A-Za-z0-9]", "_", name).upper()


def properties_settings(path):
    """(campus.* keys, every key, ${ENV} references, defaults) of application.properties. Keys of profiles (%dev.)
    and keys commented out as documentation (# campus.x=) count as settings; defaults only from plain lines."""
    campus, keys, references, defaults = set(), set(), set(), {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            commented = re.match(r"^#\s*(campus\.[a-z0-9.-]+)\s*=", line)
            if commented:
                campus.add(commented.group(1))
                continue
            if not line or line.startswith("#") or "=" not in line:
                continue
            key, value = (part.strip() for part in line.split("=", 1))
            profile = re.match(r"^%[^.]+\.(.*)$", key)
            plain_key = profile.group(1) if profile else key
            keys.add(plain_key)
            if plain_key.startswith("campus."):
                campus.add(plain_key)
            for reference in re.finditer(r"\$\{([A-Z][A-Z0-9_]*)(?::([^}]*))?\}", value):
                references.add(reference.group(1))
                if not profile and reference.group(2) is not None:
                    defaults.setdefault(reference.group(1), reference.group(2).strip())
            if not profile and "${" not in value:
                defaults.setdefault(env_name(plain_key), value)
    return campus, keys, references, defaults


def java_settings(root):
    """(names, defaults) of the Java sources: string literals that look like settings ("campus.x", "CAMPUS_X") and
    @ConfigProperty(name = ..., defaultValue = ...)."""
    names, defaults = set(), {}
    for directory, _, files in os.walk(os.path.join(root, "src/main/java")):
        for name in files:
            if not name.endswith(".java"):
                continue
            with open(os.path.join(directory, name), encoding="utf-8") as handle:
                source = handle.read()
            for literal in re.findall(r'"((?:campus|quarkus)\.[a-z0-9.-]+|[A-Z][A-Z0-9]*_[A-Z0-9_]+)"', source):
                names.add(literal)
            for annotation in re.finditer(r"@ConfigProperty\(([^)]*)\)", source):
                arguments = dict(re.findall(r'(\w+)\s*=\s*"([^"]*)"', annotation.group(1)))
                if "name" in arguments:
                    names.add(arguments["name"])
                    if "defaultValue" in arguments:
                        defaults[env_name(arguments["name"])] = arguments["defaultValue"]
    return names, defaults


def configuration_table(path):
    """(line number, [names], default cell) of each row of the first table under '## Configuration'."""
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    try:
        start = lines.index("## Configuration")
    except ValueError:
        return None
    rows, in_table = [], False
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if line.startswith("#"):
            break
        if line.startswith("|"):
            in_table = True
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if re.match(r"^:?-+:?$", cells[0]) or cells[0] in ("Variable", "Setting"):
                continue
            rows.append((number + 1, re.findall(r"`([^`]+)`", cells[0]), cells[-1] if len(cells) > 2 else ""))
        elif in_table:
            break
    return rows


def check_config(root):
    problems = []
    table_path = os.path.join(root, "docs/operations.md")
    rows = configuration_table(table_path)
    if rows is None:
        return ["docs/operations.md: no '## Configuration' section"], 0
    if not rows:
        return ["docs/operations.md: no table under '## Configuration'"], 0
    campus, keys, references, defaults = properties_settings(os.path.join(root, "src/main/resources/application.properties"))
    names, java_defaults = java_settings(root)
    for name, value in java_defaults.items():
        defaults.setdefault(name, value)
    documented = {}
    for number, row_names, _ in rows:
        if not row_names:
            problems.append("docs/operations.md:%d: a configuration row without a `SETTING` in its first column" % number)
        for name in row_names:
            documented[env_name(name)] = number
    # 1. every Campus setting of application.properties has a row
    for key in sorted(campus):
        if env_name(key) not in documented:
            problems.append("application.properties: %s (%s) has no row in the configuration table of docs/operations.md" % (key, env_name(key)))
    for reference in sorted(references):
        if reference.startswith("CAMPUS_") and reference not in documented:
            problems.append("application.properties: ${%s} has no row in the configuration table of docs/operations.md" % reference)
    # 2. every row names a setting the code has
    known = {env_name(key) for key in keys | campus} | references | {env_name(name) for name in names}
    for number, row_names, default in rows:
        for name in row_names:
            if env_name(name) not in known:
                problems.append("docs/operations.md:%d: %s is neither in application.properties nor in the Java sources" % (number, name))
        # 3. a default the code sets is the one the row shows (rows that say "none..." describe the absence)
        expected = [defaults.get(env_name(name)) for name in row_names]
        if row_names and all(expected) and not default.lower().startswith("none"):
            if all(value not in ("", "not-configured") for value in expected):
                shown = default.replace("`", "")
                wanted = ", ".join(expected)
                if not shown.startswith(wanted):
                    problems.append("docs/operations.md:%d: default of %s is %r in the code, the table says %r"
                                    % (number, ", ".join(row_names), wanted, default))
    return problems, len(rows)


# ---- the README's tour ------------------------------------------------------------------------------------------

def tour_blocks(readme):
    """[(line, commands, answer language or None, answer text or None)] of the README's ```bash tour blocks, each
    with the ```<lang> tour-answer block that follows it, if any, before the next tour block."""
    with open(readme, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    blocks, number = [], 0
    while number < len(lines):
        match = FENCE.match(lines[number])
        if not match:
            number += 1
            continue
        fence, info = match.group(1), match.group(2).split()
        end = number + 1
        while end < len(lines) and lines[end].strip() != fence:
            end += 1
        body = "\n".join(lines[number + 1:end])
        if info[1:2] == ["tour"]:
            blocks.append([number + 1, body, None, None])
        elif info[1:2] == ["tour-answer"]:
            if not blocks or blocks[-1][2] is not None:
                raise SystemExit("%s:%d: a tour-answer block without a tour block before it" % (readme, number + 1))
            blocks[-1][2], blocks[-1][3] = info[0], body
        number = end + 1
    return blocks


def tour_script(readme, port, out):
    blocks = tour_blocks(readme)
    if not blocks:
        raise SystemExit("%s: no ```bash tour blocks" % readme)
    script = ["# generated by .ci/docs_check.py from %s: the tour, against localhost:%s" % (readme, port), "cd \"$(dirname \"$0\")\""]
    for index, (line, commands, _, _) in enumerate(blocks):
        commands = commands.replace("localhost:8080", "localhost:%s" % port)
        script.append("# ---- block %d (%s line %d)" % (index, os.path.basename(readme), line))
        script.append("{\n%s\n} >out.%d 2>err.%d; echo $? >rc.%d" % (commands, index, index, index))
    with open(os.path.join(out, "tour.sh"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(script) + "\n")
    print("tour: %d blocks written to %s" % (len(blocks), os.path.join(out, "tour.sh")))


UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
TRACE_ID = re.compile(r"^[0-9a-f]{32}$")
# Cursors are opaque (docs/api.md, lists and cursors): their encoding may change between releases (during a rolling
# update a release issues the previous release's form), so a nextCursor matches any other cursor.
CURSOR = re.compile(r"^[A-Za-z0-9_-]+={0,2}$")


def same_shape(expected, actual, path="$"):
    """Differences between an answer shown and one received: equal, except that an id, a time, a trace id or a
    nextCursor matches any other of its kind."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return ["%s: expected an object, got %s" % (path, json.dumps(actual)[:80])]
        differences = []
        if list(expected) != list(actual):
            differences.append("%s: expected the members %s, got %s" % (path, list(expected), list(actual)))
        for key in expected:
            if key in actual:
                differences += same_shape(expected[key], actual[key], path + "." + key)
        return differences
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return ["%s: expected %d items, got %s" % (path, len(expected), json.dumps(actual)[:80])]
        differences = []
        for index, (one, other) in enumerate(zip(expected, actual)):
            differences += same_shape(one, other, "%s[%d]" % (path, index))
        return differences
    if isinstance(expected, str) and isinstance(actual, str):
        if path.endswith(".nextCursor") and CURSOR.match(expected):
            return [] if CURSOR.match(actual) else ["%s: expected an opaque cursor, got %r" % (path, actual)]
        for kind in (UUID, TIMESTAMP, TRACE_ID):
            if kind.match(expected):
                return [] if kind.match(actual) else ["%s: expected %s like %r, got %r" % (path, kind.pattern, expected, actual)]
    if expected != actual or type(expected) is not type(actual):
        return ["%s: expected %s, got %s" % (path, json.dumps(expected), json.dumps(actual))]
    return []


def compare_answer(language, expected, actual):
    """Differences between the answer a README shows and the output of its commands."""
    if language == "json":
        try:
            shown = json.loads(expected)
        except ValueError as error:
            return ["the README's answer is not JSON: %s" % error]
        try:
            received = json.loads(actual)
        except ValueError:
            return ["expected JSON, got %r" % actual[:300]]
        return same_shape(shown, received)
    if expected.strip() != actual.strip():
        return ["expected %r, got %r" % (expected.strip(), actual.strip()[:300])]
    return []


def tour_compare(readme, out):
    problems = []
    blocks = tour_blocks(readme)
    for index, (line, commands, language, answer) in enumerate(blocks):
        where = "%s:%d (tour block %d)" % (os.path.basename(readme), line, index)
        try:
            with open(os.path.join(out, "rc.%d" % index)) as handle:
                status = handle.read().strip()
            with open(os.path.join(out, "out.%d" % index), encoding="utf-8", errors="replace") as handle:
                output = handle.read()
            with open(os.path.join(out, "err.%d" % index), encoding="utf-8", errors="replace") as handle:
                errors = handle.read()
        except OSError:
            problems.append(where + ": did not run")
            continue
        if status != "0":
            problems.append("%s: exit status %s; stderr: %s" % (where, status, errors.strip()[:300]))
            continue
        if language is None:
            continue
        for difference in compare_answer(language, answer, output):
            problems.append("%s: %s" % (where, difference))
    answered = sum(1 for block in blocks if block[2] is not None)
    return problems, "%d tour blocks ran, %d answers as the README shows them" % (len(blocks), answered)


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    command = argv[1]
    if command == "links":
        problems, count = check_links(argv[2])
        summary = "links: %d relative links in %d documents resolve" % (count, len(documents(argv[2])))
    elif command == "config":
        problems, count = check_config(argv[2])
        summary = "config: %d rows of the configuration table match application.properties and the Java sources" % count
    elif command == "tour-script":
        tour_script(argv[2], argv[3], argv[4])
        return 0
    elif command == "tour-compare":
        problems, summary = tour_compare(argv[2], argv[3])
    else:
        raise SystemExit(__doc__)
    for problem in problems:
        print("  " + problem)
    if problems:
        print("%s: %d problem(s)" % (command, len(problems)))
        return 1
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
