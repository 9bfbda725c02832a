"""English catalogue."""

TERMS = {
    "text": "text",
    "number": "a number",
    "integer": "a whole number",
    "list": "a list",
    "mapping": "a mapping (key: value lines)",
    "boolean": "true or false",
    "date": "a date",
    "nothing": "nothing",
    "role": "role",
    "procedure": "procedure",
    "checklist": "checklist",
    "dotted": "dotted (1.2)",
    "letter": "letter/number (A/1)",
    "reason-department": "its department owns a procedure",
    "reason-checklist": "a checklist inspects its work",
    "item-check": "check",
    "item-scale": "scale",
    "item-count": "count",
    "item-measure": "measure",
    "item-info": "info",
    # libyaml's problems, as a reader understands them
    "could not find expected ':'": "a key is not followed by ': ' (or, if this line is a list entry, its '- ' is missing)",
    "mapping values are not allowed in this context": "'key: value' is not allowed here (a missing colon, quote or wrong indentation just before?)",
    "did not find expected key": "a key was expected here (is the indentation aligned with the lines above?)",
    "did not find expected '-' indicator": "a list entry must start with '- ' (or the indentation is off)",
    "found character that cannot start any token": "this character cannot start a value (put the text in quotes)",
    "found unexpected end of stream": "the file ends inside a quote or bracket that is never closed",
    "did not find expected ',' or ']'": "a list in [ ] is missing a ',' or its closing ']'",
    "did not find expected ',' or '}'": "a mapping in { } is missing a ',' or its closing '}'",
    "found unknown escape character": "a backslash in double quotes starts an unknown escape (use single quotes)",
    "did not find expected node content": "a value is missing here",
    "found undefined tag handle": "an unknown '!' tag (put the text in quotes)",
    "did not find expected alphabetic or numeric character": "an anchor or alias name is missing after '&' or '*' (put the text in quotes)",
    "expected alphabetic or numeric character, but found": "an anchor or alias name is missing after '&' or '*' (put the text in quotes)",
    "meta-deleted": "the hidden sheet _sopkit was deleted",
    "meta-csv": "a CSV file keeps the values only, not the form's hidden sheet",
    "encoding-unknown": "binary data or an encoding sopkit cannot tell",
    # format additions (issue 12)
    "fullwidth-after-colon": "after the colon",
    "fullwidth-indent": "used as indentation",
    "top-level": "the top level of the file",
}

MESSAGES = {
    # --- reading files -------------------------------------------------------------
    "encoding": {
        "message": "the file is not UTF-8; it looks like {encoding}",
        "hint": "Save it as UTF-8 (Notepad/WPS: Save As → Encoding: UTF-8), "
        "or convert it: iconv -f {source} -t UTF-8 OLD.yaml > NEW.yaml",
    },
    "unreadable": {
        "message": "cannot read the file: {error}",
        "hint": "Check that the file exists and that you may read it.",
    },
    "file-too-large": {
        "message": "the file is {size}, more than the {limit} a document may be",
        "hint": "A document is a few kilobytes of text: check that this is the file you meant (not an export or a binary file renamed .yaml).",
    },
    "empty-document": {
        "message": "the file is empty",
        "hint": "Write a document starting with 'kind: role', 'kind: procedure' or "
        "'kind: checklist', or delete the file.",
    },
    "multiple-documents": {
        "message": "the file holds more than one YAML document (a second '---')",
        "hint": "Keep one document per file: move the part after '---' into a file of its own.",
    },
    "yaml-syntax": {
        "message": "YAML syntax error: {problem}",
        "hint": "Check indentation, brackets and quotes on this line and the one above; "
        "text containing ': ' or starting with [ {{ * & ! | > needs quotes.",
        "hint_suggest": "Text containing ': ' or starting with [ {{ * & ! | > needs straight quotes: "
        "write this line as {suggestion}",
    },
    "fullwidth-colon": {
        "message": "a full-width colon '：' follows the key",
        "hint": "Type a half-width colon and a space after a key, e.g. 'grade: 主管级' "
        "(switch the input method to English punctuation).",
    },
    "colon-space": {
        "message": "the colon after the key is not followed by a space",
        "hint": "Put a space after the colon, e.g. 'grade: 主管级'.",
    },
    "multiline-text": {
        "message": "this text goes on to line {end_line} and is read as one line",
        "hint": "If line {end_line} is a new list entry, start it with '- '; if it is a new key, "
        "write 'key: value'. If it is one long text, put it in quotes or after '>' to silence this.",
    },
    "yaml-tab": {
        "message": "a tab character is used where YAML needs spaces",
        "hint": "Replace the tab with spaces (two per indentation level).",
    },
    "undefined-alias": {
        "message": "an alias (*name) is used without a matching anchor (&name)",
        "hint": "Write the value out in full; sopkit documents do not need anchors or aliases.",
    },
    "too-many-nodes": {
        "message": "the document expands to more than {limit} values",
        "hint": "Remove anchors (&) and aliases (*): they multiply the data; "
        "sopkit documents never need them.",
    },
    "too-deep": {
        "message": "the document is nested deeper than {limit} levels",
        "hint": "Flatten the structure; an alias inside its own anchor (&a [*a]) also causes this.",
    },
    "complex-key": {
        "message": "a key must be plain text",
        "hint": "Write keys as simple words followed by a colon, such as 'title:'.",
    },
    "duplicate-key": {
        "message": "key '{key}' appears twice in the same block (first at line {first_line})",
        "hint": "Delete one of them or merge their content; otherwise one would silently be lost. "
        "If this line starts a new entry of a list, begin it with '- '.",
    },
    "unsupported-tag": {
        "message": "the tag {tag} is not allowed",
        "hint": "Remove the tag: write plain text, numbers, lists and key: value lines only.",
    },
    "not-a-mapping": {
        "message": "the document must be a set of key: value lines, found {found}",
        "hint": "Start the file with lines such as 'kind: role' and 'id: KF-LB'.",
    },
    # --- fields --------------------------------------------------------------------
    "unknown-kind": {
        "message": "unknown document kind '{value}'",
        "hint": "Write 'kind: role', 'kind: procedure' or 'kind: checklist'.",
        "hint_suggest": "Did you mean 'kind: {suggestion}'?",
    },
    "missing-field": {
        "message": "required field '{field}' is missing",
        "hint": "Add a line '{field}: …' to this block.",
        "hint_meaning": "Add a line '{field}: …' to this block ({field}: {meaning}).",
    },
    "unknown-key": {
        "message": "unknown key '{key}'",
        "hint": "Keys allowed here: {allowed}. Start your own keys with 'x-' to have them ignored.",
        "hint_suggest": "Did you mean '{suggestion}'? Keys allowed here: {allowed}.",
    },
    "invalid-choice": {
        "message": "'{value}' is not a valid value for '{field}'",
        "hint": "Write one of: {allowed}.",
        "hint_suggest": "Did you mean '{suggestion}'? Allowed: {allowed}.",
    },
    "wrong-type": {
        "message": "'{field}' should be {expected}, found {found}",
        "hint": "Write {expected} here.",
        "hint_suggest": "Write the number alone, without a unit: {suggestion}",
    },
    "invalid-date": {
        "message": "'{value}' is not a valid date for '{field}'",
        "hint": "Write dates as YYYY-MM-DD, for example 2026-05-01.",
        "hint_suggest": "Write {field}: {suggestion} (dates are YYYY-MM-DD).",
    },
    "invalid-id": {
        "message": "'{value}' is not a valid id",
        "hint": "Use up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit, "
        "for example KF-LB.",
        "hint_suggest": "'{value}' is the title of role {suggestion}: write its id, {suggestion}.",
    },
    "empty-value": {
        "message": "'{field}' must not be empty",
        "hint": "Write a value, or remove the line if the field is optional.",
    },
    "out-of-range": {
        "message": "'{field}' is {value}, but it must be {limit}",
        "hint": "Write a value that is {limit}.",
    },
    "invalid-value": {
        "message": "'{field}': {detail}",
        "hint": "Compare the value with the format described in the README.",
    },
    "version-not-string": {
        "message": "version {raw} is written as a number",
        "hint": 'Put it in quotes: "{raw}" (unquoted, YAML reads 1.10 as the number 1.1).',
    },
    "invalid-version": {
        "message": "'{value}' is not a version",
        "hint": 'Write dotted numbers ("1", "1.1", "2.0.3") or letter/number ("A/0", "B/2"), '
        "in quotes.",
    },
    # --- document rules ------------------------------------------------------------
    "revision-version-mismatch": {
        "message": "the newest revision is {first}, but the document's version is {version}",
        "hint": "Put an entry for version {version} first under 'revisions', or correct 'version'.",
    },
    "revision-order": {
        "message": "revision {version} is not older than the entry above it ({previous})",
        "hint": "List revisions newest first, each version lower than the one above it.",
    },
    "revision-date-order": {
        "message": "revision dated {date} is later than the entry above it ({previous})",
        "hint": "List revisions newest first: dates must not increase down the list.",
    },
    "version-style-mixed": {
        "message": "version '{value}' is {found}, but this document uses {style} versions",
        "hint": "Use one version style in a document: all dotted (1.2) or all letter/number (A/1).",
    },
    "approved-after-effective": {
        "message": "approved on {approved_on}, after the effective date {effective}",
        "hint": "A document is approved before it takes effect: for a new version, set "
        "'effective:' to the day it takes effect (on or after the approval).",
    },
    "kpi-weights-partial": {
        "message": "some KPIs have a weight and this one does not",
        "hint": "Give every KPI a weight (together 100), or remove all the weights.",
    },
    "kpi-weights-sum": {
        "message": "KPI weights add up to {total}, not 100",
        "hint": "Change the weights so that they add up to exactly 100.",
    },
    "section-weights-partial": {
        "message": "some sections have a weight and this one does not",
        "hint": "Give every section a weight, or remove all the section weights.",
    },
    "step-empty": {
        "message": "a step needs 'text' or 'title'",
        "hint": "Add 'text: …' saying what to do, or 'title: …' for a group of steps.",
    },
    "empty-group": {
        "message": "'steps' is an empty list",
        "hint": "Add at least one step under 'steps', or remove the 'steps' line.",
    },
    "duplicate-step-id": {
        "message": "step id '{id}' is used twice in this procedure (first at line {first_line})",
        "hint": "Step ids are unique within a procedure: rename one of them.",
    },
    "duplicate-record-id": {
        "message": "record id '{id}' is used twice in this procedure (first at line {first_line})",
        "hint": "Record ids are unique within a procedure: rename one of them.",
    },
    "duplicate-item-id": {
        "message": "item id '{id}' is used twice in this checklist (first at line {first_line})",
        "hint": "Item ids are unique within a checklist: rename one, e.g. A3 instead of A2.",
    },
    "grades-order": {
        "message": "grade '{name}' (min {min}) is not below the grade above it (min {previous})",
        "hint": "List grades from the highest 'min' down.",
    },
    "grades-last": {
        "message": "the last grade '{name}' starts at {min}, not 0",
        "hint": "End the list with a grade whose min is 0, e.g. {{name: 不合格, min: 0}}.",
    },
    "pass-range": {
        "message": "pass mark {value} is outside 0..{max}",
        "hint": "Write a pass mark between 0 and {max}.",
    },
    "item-points": {
        "message": "item {id} ({type}) needs 'points' greater than 0",
        "hint": "Add 'points: 5' (any number greater than 0); only 'info' items have no points.",
    },
    "item-target": {
        "message": "measure item {id} needs a 'target'",
        "hint": "Add 'target: {{min: 3, max: 5}}' (either bound may be left out).",
    },
    "target-range": {
        "message": "target min {min} is greater than max {max}",
        "hint": "Swap the two values.",
    },
    "item-per": {
        "message": "count item {id} needs 'per' (points lost per occurrence)",
        "hint": "Add 'per: 2' (any number greater than 0).",
    },
    "field-not-for-type": {
        "message": "'{field}' does not apply to {type} items and is ignored",
        "hint": "Remove '{field}', or change the item's 'type'.",
    },
    # --- the library ---------------------------------------------------------------
    "duplicate-id": {
        "message": "id '{id}' is already used by {other}",
        "hint": "Ids are unique in the library, ignoring case: rename one of the documents.",
    },
    "unknown-role": {
        "message": "no role with id '{id}' in the library",
        "hint": "Write the id of an existing role (see 'sopkit list'), or add that role.",
        "hint_suggest": "Did you mean '{suggestion}'?",
    },
    "unknown-procedure": {
        "message": "no procedure with id '{id}' in the library",
        "hint": "Write the id of an existing procedure (see 'sopkit list').",
        "hint_suggest": "Did you mean '{suggestion}'?",
    },
    "unknown-record": {
        "message": "no record '{id}' under this procedure's 'records'",
        "hint": "Add it under 'records:' (with id and title), or correct the id.",
        "hint_suggest": "Did you mean '{suggestion}'?",
    },
    "unknown-step": {
        "message": "procedure {procedure} has no step with id '{id}'",
        "hint": "Give the step 'id: {id}' in {procedure}, or correct the link.",
        "hint_suggest": "Did you mean '{procedure}#{suggestion}'?",
    },
    "bad-step-link": {
        "message": "'{value}' is not a step link",
        "hint": "Write PROCEDURE-ID#step-id, for example XC-SOP-01#arrive.",
    },
    "wrong-kind-reference": {
        "message": "'{id}' is a {found}, not a {expected}",
        "hint": "Write the id of a {expected} here.",
    },
    "reporting-cycle": {
        "message": "reporting cycle: {cycle}",
        "hint": "Change 'reports_to' of one of these roles so that the chain ends at a top role.",
    },
    "no-documents": {
        "message": "no documents found",
        "hint": "Put *.yaml files starting with 'kind: role|procedure|checklist' in this folder.",
    },
    # --- manuals (sopkit/manual.py, sopkit/pdf.py) -----------------------------------
    "manual-unknown-department": {
        "message": "no role belongs to department '{name}'",
        "hint": "Departments in this library: {departments}.",
    },
    "manual-templates-dir": {
        "message": "the templates folder does not exist",
        "hint": "Give --templates a folder holding your templates, e.g. a copy of sopkit's "
        "templates/ folder in which you changed some files.",
    },
    "manual-template-missing": {
        "message": "template '{name}' not found",
        "hint": "Name the file exactly as the built-in template it replaces "
        "(see the templates/ folder of sopkit).",
    },
    "manual-template": {
        "message": "template error: {error}",
        "hint": "Fix the template at this line, or delete your copy to use the built-in one.",
    },
    "manual-pdf-missing": {
        "message": "PDF output needs WeasyPrint (the optional extra sopkit[pdf])",
        "hint": "Install it: {command}",
    },
    "manual-pdf-libraries": {
        "message": "WeasyPrint cannot load its system libraries: {error}",
        "hint": "Install Pango: apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 "
        "(see WeasyPrint's installation guide for other systems).",
    },
    "manual-missing-glyph": {
        "message": "no installed font can draw '{char}' ({codepoint}); missing: {chars}",
        "hint": "Install a font that has it — on Debian/Ubuntu: apt-get install -y {package} — "
        "or change the text here; sopkit never prints empty boxes instead of characters.",
    },
    "manual-write": {
        "message": "cannot write the file: {error}",
        "hint": "Check that the output folder exists or can be created and that you may write "
        "there (-o DIR chooses another one).",
    },
    # --- workbooks and scoring (sopkit/workbook.py, sopkit/scoring.py) ---------------
    "file-empty": {
        "message": "the file is empty (0 bytes)",
        "hint": "It was not saved or copied completely: save it again from the application "
        "it was filled in, or ask the inspector for it again.",
    },
    "file-corrupt": {
        "message": "not an Excel workbook, or a damaged one (reader: {error})",
        "hint": "Open it in Excel, WPS or LibreOffice and save it again as .xlsx; a file that "
        "does not open there is damaged.",
    },
    "file-encrypted": {
        "message": "the workbook is protected with a password",
        "hint": "Open it, remove the password (Excel: File → Info → Protect Workbook → Encrypt "
        "with Password, leave it empty) and save it again.",
    },
    "file-format": {
        "message": "'{ext}' files cannot be scored",
        "hint": "Save the sheet as .xlsx; sopkit also reads .xlsm, .xls, .xlsb, .ods and .csv.",
    },
    "sheet-not-checklist": {
        "message": "no sopkit checklist found in sheet '{sheet}'",
        "hint": "Score the workbooks written by 'sopkit checklist': their table has the columns "
        "ID and Result, and the header the document number.",
    },
    "sheet-unknown-checklist": {
        "message": "checklist '{id}' is not in the library {library}",
        "hint": "Score it against the library that holds it (--lib FOLDER).",
        "hint_suggest": "Did you mean '{suggestion}'? Otherwise score it with --lib FOLDER.",
    },
    "sheet-wrong-items": {
        "message": "sheet '{sheet}' is not a form of checklist {id}",
        "hint": "Its header or its ID column belongs to another checklist: fill in a fresh "
        "form written by 'sopkit checklist'.",
    },
    "sheet-meta-missing": {
        "message": "{why}: items were found by the ID column",
        "hint": "The score is still right when the ID column is intact; use a fresh form "
        "from 'sopkit checklist' next time.",
    },
    "sheet-version": {
        "message": "the form is version {sheet} of {id}, the library has version {library}",
        "hint": "Scored with the library's version {library} (its points and item types); "
        "inspect with a current form from 'sopkit checklist'.",
    },
    "sheet-fingerprint": {
        "message": "the form's items differ from {id} version {version} in the library",
        "hint": "The form was altered, or the YAML changed without a new version; scored with "
        "the library's definition. Print a fresh form with 'sopkit checklist'.",
    },
    "sheet-item-row-missing": {
        "message": "item {id} has no row on the form",
        "hint": "Its row was deleted or its ID changed; the item counts as not answered.",
    },
    "sheet-duplicate-row": {
        "message": "item {id} is on more than one row (first at {other})",
        "hint": "Delete the extra row: only the first one is scored.",
    },
    "answer-invalid-check": {
        "message": "'{answer}' is not an answer to item {id}",
        "hint": "Write 合格/Pass, 不合格/Fail or 不适用/N/A (√ × x Y N OK NG 1 0 are accepted "
        "too).",
        "hint_suggest": "Did you mean '{suggestion}'? Write 合格/Pass, 不合格/Fail or 不适用/N/A.",
    },
    "answer-invalid-number": {
        "message": "'{answer}' is not a number (item {id}, {type})",
        "hint": "Write a number, or 不适用/N/A.",
        "hint_suggest": "Did you mean '{suggestion}'? Write a number, or 不适用/N/A.",
    },
    "answer-wrong-unit": {
        "message": "'{answer}': '{found}' is not a unit of item {id} ({type})",
        "hint": "Write the number alone or followed by one of: {units}; or 不适用/N/A.",
        "hint_suggest": "Did you mean '{suggestion}'? Write the number alone or followed by one "
        "of: {units}.",
    },
    "answer-invalid-count": {
        "message": "'{answer}' is not a number of occurrences (item {id})",
        "hint": "Write a whole number 0 or more, or 不适用/N/A.",
        "hint_suggest": "Did you mean '{suggestion}'? Write a whole number 0 or more, or "
        "不适用/N/A.",
    },
    "answer-out-of-range": {
        "message": "'{answer}' is outside 0..{points} (item {id})",
        "hint": "Write a score from 0 to {points}, or 不适用/N/A.",
    },
    "answers-missing": {
        "message": "{count} scored item(s) not answered: {ids}",
        "hint": "Fill in their Result cells, or score with --missing fail (count them as "
        "failures) or --missing na (leave them out).",
    },
    "answers-missing-failed": {
        "message": "{count} scored item(s) not answered, counted as failures: {ids}",
        "hint": "Scored with --missing fail: each of them earned 0. Fill in their Result cells "
        "if they were inspected.",
    },
    "answers-missing-left-out": {
        "message": "{count} scored item(s) not answered, left out of the score: {ids}",
        "hint": "Scored with --missing na: as if they were N/A. Fill in their Result cells if "
        "they were inspected.",
    },
    "checklist-draft": {
        "message": "{id} {version} is a draft: its forms are marked DRAFT — not in force",
        "hint": "Try the form out if you like, but inspect with it once the checklist is "
        "approved and its status is 'active'.",
    },
    "checklist-retired": {
        "message": "{id} {version} is retired: its forms are marked RETIRED — withdrawn",
        "hint": "Do not hand them out for inspections; write the form of the checklist that "
        "replaces it.",
    },
    "sheet-checklist-has-errors": {
        "message": "checklist {id} has errors in the library: its sheets are not scored",
        "hint": "Run 'sopkit validate' and fix the checklist's errors first, then score again.",
    },
    "sheet-not-filled": {
        "message": "the form is blank: none of its {count} scored items is answered",
        "hint": "Fill in the Result column. A blank form is never scored, whatever --missing "
        "says; check that this is the filled copy and not the form as printed.",
    },
    # --- document control (diff, bump, approve, due, coverage) -----------------------
    "invalid-duration": {
        "message": "'{value}' is not a review interval",
        "hint": "Write a whole number followed by d (days), w (weeks), m (months) or y (years), "
        "for example 1y, 6m or 90d.",
    },
    "approval-stale": {
        "message": "the content changed after it was approved (approved fingerprint "
        "{fingerprint}, content now {current})",
        "hint": "Have the changes reviewed, then record the approval again: "
        "sopkit approve {file} --by NAME",
        # {suggestion} holds the changes found in git history since the approved content.
        "hint_suggest": "Changed since {since}: {suggestion}. See the full diff with "
        "'sopkit diff {file} --rev {commit}', then record the approval again: "
        "sopkit approve {file} --by NAME",
    },
    "step-not-inspected": {
        "message": "step {number} has a measurable standard, but no item of checklist "
        "{checklist} inspects it",
        "hint": "Add an item with 'step: {procedure}#{id}' to {checklist}, or link an existing "
        "item to this step.",
    },
    "item-without-step": {
        "message": "item {id} is linked to no step of procedure {procedure}",
        "hint": "Add 'step: {procedure}#STEP-ID' naming the step this item inspects "
        "(give that step an 'id' if it has none).",
    },
    "role-without-procedure": {
        "message": "role {id} performs no step of any procedure, although {reason} ({ref})",
        "hint": "Name it in 'role:' of the steps it performs, or as 'keeper' of a record it keeps.",
    },
    "version-unchanged": {
        "message": "the content of {id} changed, but its version is still {version}",
        "hint": 'Raise the version and note the change: sopkit bump FILE --minor --note "…"',
    },
    "version-not-newer": {
        "message": "the version of {id} went from {old} to {new}, which is not newer",
        "hint": "Versions only go up: use a version above {old}.",
    },
    "bump-style": {
        "message": "version {version} is {style}; {option} does not apply to it",
        "hint": "Use {options} for this document.",
    },
    "bump-last-letter": {
        "message": "version {version} is already at letter Z",
        "hint": "Raise the number instead (--minor), or renumber the document's versions by hand.",
    },
    "bump-date": {
        "message": "the new revision's date {date} is before the newest revision ({previous})",
        "hint": "Give a date on or after {previous} with --date.",
    },
    "edit-would-reformat": {
        "message": "sopkit cannot change this file without reformatting other lines",
        "hint": "Indent all lists of the file the same way (e.g. two spaces, then '- '), "
        "or make the change by hand.",
    },
    "too-many-findings": {
        "message": "{more} more problems in this document are not shown (the first {shown} are)",
        "hint": "Fix the ones shown and run validate again; a document with this many problems is usually a wrong file or a paste gone wrong.",
    },
    "id-not-string": {
        "message": "{field} {raw} is written as a number, but an id is text",
        "hint": 'Put it in quotes: {field}: "{raw}" (unquoted, YAML reads 007 as 7 and 0x1F as 31).',
    },
    "number-too-long": {
        "message": "a number of {length} characters (at most {limit})",
        "hint": "No value in a document needs a number this long: put it in quotes if it is text, or check for a paste gone wrong.",
    },
    "control-character": {
        "message": "the text holds the control character {char}",
        "hint": "Remove it: control characters (written as escapes such as \\0, \\a or \\e in double quotes) cannot be printed and would reach the terminal or the manual raw.",
    },
    "file-name-clash": {
        "message": "id {id} gives the same file name as {other} ({file}): '{name}'",
        "hint": "One manual or form would replace the other. Rename one of the ids: ids that differ only in a final '.', in case or in characters a file name cannot hold get the same file name.",
    },
    "manual-no-fonts": {
        "message": "no font is installed: a PDF cannot be drawn",
        "hint": "Install a Chinese font, e.g. on Debian/Ubuntu: apt-get install -y {package} (or write HTML: -f html).",
    },
    "file-skipped": {
        "message": "skipped: a '{ext}' file is not a checklist workbook",
        "hint": "A scan, photo or note cannot be scored: ask for the filled Excel file, or "
        "type the answers into a form.",
    },
    "file-word": {
        "message": "this is a Word document named '{ext}', not a workbook",
        "hint": "Ask for the filled checklist workbook (.xlsx); sopkit cannot read answers "
        "from a Word file.",
    },
    "sheet-duplicate": {
        "message": "the same inspection as {other}: counted once",
        "hint": "The file was sent twice; delete one copy, or keep both: the summary counts "
        "the inspection once.",
    },
    "sheet-same-visit": {
        "message": "{id} at {site} on {date} has another sheet with different answers: {other}",
        "hint": "Check which of the two is the inspection of that day; both are scored.",
    },
    "sheet-checklist-draft": {
        "message": "{id} {version} is a draft: this sheet is left out of the summary figures",
        "hint": "Approve the checklist (status: active), or score with --include-drafts to "
        "count it.",
    },
    "sheet-checklist-retired": {
        "message": "{id} {version} is retired: this sheet is left out of the summary figures",
        "hint": "Use the form of the checklist in force, or score with --include-drafts to "
        "count it.",
    },
    "sheet-header-moved": {
        "message": "{label} is read from this cell: the cell right of its label, {empty}, is empty (a column or cells inserted in the header?)",
        "hint": "Check that this cell holds the {label}; keep each value right of its label.",
    },
    "sheet-added-rows": {
        "message": "{count} row(s) added by the inspector, not scored (first: {text})",
        "hint": "They are listed with the corrective actions; add them to the checklist if "
        "they should be scored.",
    },
    "sheet-older-version": {
        "message": "the form is version {sheet} of {id}: scored by the rules of {sheet} "
        "(library: {library})",
        "hint": "Hand out the form of version {library} for new inspections.",
    },
    "sheet-outdated": {
        "message": "the form is version {sheet} of {id}, which the library's history does not "
        "hold: not scored by the rules of {library}",
        "hint": "Score it against a library at version {sheet} (git checkout of that "
        "version, then sopkit score --lib), or keep the library in git so that sopkit "
        "finds older versions itself.",
    },
    "sheet-too-large": {
        "message": "{member} has a cell at row {rows}, column {columns}: a checklist form has at most {max_rows} rows and {max_columns} columns",
        "hint": "Delete the stray cells far below or right of the table (Ctrl+End shows the last one) and save again, or hand in the form sopkit wrote.",
    },
    "file-unpacks-too-large": {
        "message": "{member} unpacks to {size}, more than the {limit} a workbook may hold",
        "hint": "This is not a filled checklist (a form is a few hundred kilobytes): check the file, or ask for the form again.",
    },
    "grades-too-many": {
        "message": "{count} grade bands whose names take {chars} characters: a form holds at most {limit} bands and {max_chars} characters of names",
        "hint": "The form's grade cell is one formula with a condition per band, and a spreadsheet formula has a size limit: merge bands or shorten their names.",
    },
    # --- sopkit import ------------------------------------------------------------
    "import-unreadable": {
        "message": "cannot read the file: {error}",
        "hint": "Check the path and that you may read the file; give files, not folders.",
    },
    "import-empty": {
        "message": "the file holds no text",
        "hint": "Check that this is the document you meant; a scanned page (a picture) has no text to import.",
    },
    "import-too-large": {
        "message": "the file is {size}, more than the {limit} sopkit imports",
        "hint": "A job description is a few pages: check that this is the file you meant, or split it.",
    },
    "import-unsupported": {
        "message": "not a Word or text file (it looks like {kind})",
        "hint": "Import .docx, .doc, .txt or .md files: open the file and save it as .docx (Word/WPS: Save As → Word document).",
    },
    "import-damaged": {
        "message": "the Word file cannot be opened: {error}",
        "hint": "Open it in Word or WPS and save it again as .docx; a password-protected file must be saved without the password.",
    },
    "import-zip-bomb": {
        "message": "the Word file expands to more than {limit}",
        "hint": "Save it again without embedded pictures and files, or copy its text into a new document.",
    },
    "import-doc-needs-libreoffice": {
        "message": "an old Word .doc file needs LibreOffice to be read",
        "hint": "Save it as .docx in Word or WPS, or install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui).",
    },
    "import-doc-failed": {
        "message": "LibreOffice could not convert the .doc file: {error}",
        "hint": "Open it in Word or WPS and save it as .docx, then import the .docx.",
    },
    "import-encoding": {
        "message": "the text is not UTF-8; read as {encoding}",
        "hint": "Check a few Chinese words in the draft; if they are garbled, save the file as UTF-8 and import it again.",
    },
    "import-skipped": {
        "message": "outside any job description or work instruction, not imported: “{text}”",
        "hint": "Lines before the first title (…岗位说明书, …岗位职责, …作业指导书) or under a title with no duties or steps are left out; add a title above them if they belong to a document.",
    },
    "import-no-document": {
        "message": "no job description or work instruction found",
        "hint": "sopkit looks for a title (…岗位说明书, …作业指导书), a form field (岗位名称) or a heading (岗位职责) followed by numbered lines; add one, or give --kind role|procedure.",
    },
    "import-unplaced": {
        "message": "kept under x-unplaced in draft {id}: “{text}”",
        "hint": "sopkit could not tell which field this line belongs to: move it to its field in the draft (or delete it).",
    },
    "import-field-missing": {
        "message": "draft {id}: not in the source: {fields}",
        "hint": "Fill these in before you set status: active (sopkit validate warns about them while the document is a draft).",
    },
    "import-draft-invalid": {
        "message": "draft {id} was not written: it would not validate ({problem})",
        "hint": "This is a bug in sopkit import: please report it with the source file.",
    },
    "import-output-is-input": {
        "message": "this draft would replace one of the files being imported",
        "hint": "Give another library folder with -o.",
    },
    "import-exists": {
        "message": "{id} exists already; not overwritten",
        "hint": "Import again with --force to replace it, or rename the existing file.",
    },
    "import-write-failed": {
        "message": "cannot write the draft: {error}",
        "hint": "Check that you may write into the library folder (and that the disk is not full).",
    },
    # --- format additions (issue 12) -------------------------------------------------
    "title-not-id": {
        "message": "'{value}' is a title, not a role id",
        "hint": "For a role outside the library write {field}: {{title: {value}}}; for a role "
        "of the library write its id (see 'sopkit list').",
        "hint_near": "Did you mean {near_title} ({near})? Then write {field}: {near}; for a "
        "role outside the library write {field}: {{title: {value}}}.",
        "hint_suggest": "'{value}' is the title of role {suggestion}: write {field}: {suggestion}.",
    },
    "fullwidth-space": {
        "message": "a full-width space '　' (U+3000) {place}",
        "hint": "YAML needs ordinary spaces: delete it and type an ordinary space (switch the "
        "input method to half-width, e.g. Shift+Space).",
    },
    "curly-quotes": {
        "message": "Word's curly quotes {quote} in '{field}' are not YAML quotes: they are read "
        "as part of the value",
        "hint": "Type straight quotes instead: {field}: {fixed} (Word and WPS turn them into "
        "curly ones: edit YAML in Notepad or VS Code).",
    },
    "misplaced-key": {
        "message": "'{key}' belongs under {parent}",
        "hint": "Move the line '{key}: …' to the top level: no indentation, like the first key "
        "of the file.",
        "hint_suggest": "Move the line '{key}: …' under '{suggestion}:', indented two spaces "
        "more than '{suggestion}:'.",
    },
    "file-not-read": {
        "message": "sopkit does not read this file: only .yaml and .yml files are documents",
        "hint": "To bring it into the library, convert it: sopkit import {file}; or move it out "
        "of the library folder.",
        "hint_suggest": "Rename it to {suggestion}: only names ending in .yaml or .yml (lower "
        "case) are read. Notepad adds '.txt' unless Save As is set to 'All files'.",
    },
    "duplicate-site": {
        "message": "'{name}' already names site {other}",
        "hint": "Every id, name and alias must name one site only; remove or change this one.",
    },
    "unknown-checklist": {
        "message": "no checklist with id '{id}' in the library",
        "hint": "Write the id of an existing checklist (see 'sopkit list').",
        "hint_suggest": "Did you mean '{suggestion}'?",
    },
    "site-unknown": {
        "message": "site '{site}' is not in sites.yaml (recorded as written)",
        "hint": "Add it to sites.yaml, or as an alias of its site, then record again.",
        "hint_suggest": "Did you mean '{suggestion}'? Add '{site}' to that site's aliases.",
    },
    "record-no-date": {
        "message": "the sheet has no inspection date ('{value}'): not recorded",
        "hint": "Write the date in the sheet's date cell as YYYY-MM-DD, then record it again.",
    },
    "record-no-site": {
        "message": "the sheet names no site: not recorded",
        "hint": "Write the site's name or id in the sheet's site cell, then record it again.",
    },
    "record-duplicate": {
        "message": "the same inspection is already recorded from {other}: not added again",
        "hint": "Nothing to do; a file copied, renamed or saved again is the same inspection.",
    },
    "action-import-unknown": {
        "message": "row {row}: there is no corrective action {id} in the store",
        "hint": "Import the notice into the store it was exported from (--db).",
    },
    "action-import-status": {
        "message": "row {row}: '{value}' is not a status of a corrective action",
        "hint": "Write {allowed}, or leave the cell empty.",
    },
    "action-import-date": {
        "message": "row {row}: '{value}' is not a date",
        "hint": "Write the date the failure was corrected as YYYY-MM-DD.",
    },
    "missing-dash": {
        "message": "this list entry has no '- ' in front of it",
        "hint": "Start every entry of a list with '- ' (a hyphen and a space), aligned with the "
        "entries above and below, e.g. '  - 负责……'; numbers copied from Word (1、 ① (1)) become '- '.",
    },
    "procedure-without-role": {
        "message": "no step of procedure {id} names the role that performs it, so no role's manual prints it",
        "hint": "Write 'role: ROLE-ID' on its steps (on a group of steps, it covers every step "
        "under it), e.g. role: {example}; the company handbook (sopkit manual --all) still prints it.",
    },
    "text-cut-at-hash": {
        "message": "'{rest}' is read as a comment and not printed: the text ends at '{text}'",
        "hint": "In YAML, '#' after a space starts a comment. If '{rest}' belongs to the text, "
        'put the whole text in straight quotes, e.g. "{text} {rest}"; if it is a comment, '
        "put a space after the '#'.",
    },
    "manual-docx-missing": {
        "message": "Word output needs python-docx (the optional extra sopkit[docx])",
        "hint": "Install it: {command}",
    },
    "manual-holders": {
        "message": "cannot read the list of holders: {error}",
        "hint": "Give --holders a UTF-8 text file with one holder per line (name and department); lines starting with # are comments.",
    },
    "manual-preset-format": {
        "message": "the {preset} preset prints HTML or PDF only",
        "hint": "Leave out --format or use --format pdf; Word and Markdown print the full trainer manual (--preset trainer).",
    },
    "manual-empty-glyph": {
        "message": "the font {font} draws '{char}' ({codepoint}) as an empty shape; also: {chars}",
        "hint": "It would print as blank paper. Install or use a font that draws it (for example {other}), or change the text here; the built-in style sheet draws ℃ ★ √ × with DejaVu Sans (apt-get install -y fonts-dejavu-core).",
    },
    "sheet-newer-version": {
        "message": "the form is version {sheet} of {id}, newer than the library's {library}: "
        "not scored by the older rules",
        "hint": "Update the library first (git pull, or copy in the new {id} document), then "
        "score again.",
    },
    "file-csv-encoding": {
        "message": "this CSV file is neither UTF-8 nor GB18030: its Chinese text may already "
        "be lost (saved as '?')",
        "hint": "Send the .xlsx instead, or save the sheet again as 'CSV UTF-8' (Excel: Save As, "
        "CSV UTF-8; LibreOffice: character set Unicode (UTF-8)).",
    },
    "answer-invisible": {
        "message": "the answer to item {id} holds only an invisible character (such as a "
        "zero-width space): the cell looks empty but is not",
        "hint": "Clear the cell (select it, press Delete) and type the answer again.",
    },
    "config-not-a-mapping": {
        "message": "sopkit.yaml must be a set of key: value lines, found {found}",
        "hint": "sopkit.yaml describes the library, it is not a document: write lines such as "
        "'organization: 滨江物业', 'locale: zh-CN' and 'results: results.sqlite' (all "
        "optional; an empty file is fine).",
    },
    "sites-not-a-mapping": {
        "message": "a sites file must be key: value lines with the sites under 'sites:', "
        "found {found}",
        "hint": "Start the file with a line 'sites:', then one block per site: '  - id: BJ1' "
        "and below it '    name: 滨江壹号' (aliases, manager and schedule are optional).",
    },
    "sites-not-a-list": {
        "message": "'sites' must be a list of sites, found {found}",
        "hint": "Begin each site with '- ' under 'sites:': '  - id: BJ1', then '    name: "
        "滨江壹号' on the next line, indented like 'id:'.",
    },
    "site-not-a-mapping": {
        "message": "a site under 'sites:' must be key: value lines (id, name, …), found {found}",
        "hint": "Write each site as '- id: BJ1' with 'name: 滨江壹号' on the next line, "
        "indented like 'id:'. A plain list of names, one per line, goes in a .txt file "
        "for 'sopkit checklist --sites'.",
    },
}

# Labels for manuals and sheets: one key per label, the same keys in every language.
LABELS: dict[str, str] = {
    # --- sopkit list ---
    "inventory.id": "id",
    "inventory.kind": "kind",
    "inventory.title": "title",
    "inventory.version": "version",
    "inventory.effective": "effective",
    "inventory.status": "status",
    "inventory.file": "file",
    # --- manuals ---------------------------------------------------------------------
    "manual_role_manual": "Role manual",
    "manual_handbook": "Handbook",
    "manual_handbook_all": "All roles",
    "manual_department": "Department",
    "manual_issued": "Date of issue",
    "manual_contents": "Contents",
    "manual_documents": "Documents in this manual",
    "manual_doc_id": "Document no.",
    "manual_doc_title": "Title",
    "manual_doc_kind": "Kind",
    "manual_version": "Version",
    "manual_effective": "Effective",
    "manual_status": "Status",
    "manual_status_active": "Active",
    "manual_status_draft": "DRAFT",
    "manual_status_retired": "RETIRED",
    "manual_watermark_draft": "DRAFT",
    "manual_watermark_retired": "RETIRED",
    "manual_banner_draft": "DRAFT: not approved yet; for discussion only, do not work to it.",
    "manual_banner_retired": "RETIRED: withdrawn; for reference only, do not work to it.",
    "manual_kind_role": "Job description",
    "manual_kind_procedure": "Work instruction",
    "manual_kind_checklist": "Inspection checklist",
    "manual_part_roles": "Job descriptions",
    "manual_part_procedures": "Work instructions",
    "manual_part_checklists": "Inspection checklists",
    "manual_docref": "{id}  version {version}",
    "manual_page": "Page {page} of {pages}",
    "manual_none": "—",
    "manual_list_sep": ", ",
    "manual_control": "Document control",
    "manual_owner": "Owner",
    "manual_review_every": "Review every",
    "manual_prepared": "Prepared by",
    "manual_reviewed": "Reviewed by",
    "manual_approved": "Approved by",
    "manual_name": "Name",
    "manual_signature": "Signature",
    "manual_date": "Date",
    "manual_revisions": "Revision history",
    "manual_rev_author": "Author",
    "manual_rev_changes": "Changes",
    "manual_basic": "Basic information",
    "manual_role_title": "Role",
    "manual_role_id": "Role no.",
    "manual_grade": "Grade",
    "manual_reports_to": "Reports to",
    "manual_direct_reports": "Direct reports",
    "manual_headcount": "Headcount",
    "manual_headcount_value": "{n}",
    "manual_summary": "Summary",
    "manual_duties": "Duties",
    "manual_no": "No.",
    "manual_duty_area": "Area",
    "manual_duty_description": "Description",
    "manual_duty_kpi": "Suggested measure",
    "manual_authorities": "Authorities",
    "manual_authority": "Authority",
    "manual_kpis": "Key performance indicators",
    "manual_kpi_name": "Indicator",
    "manual_kpi_target": "Target",
    "manual_kpi_weight": "Weight",
    "manual_total": "Total",
    "manual_relations": "Working relations",
    "manual_reporting_line": "Reporting line",
    "manual_internal": "Internal",
    "manual_external": "External",
    "manual_party": "Party",
    "manual_frequency": "Frequency",
    "manual_relation_purpose": "Purpose",
    "manual_freq_often": "often",
    "manual_freq_regular": "regular",
    "manual_freq_occasional": "occasional",
    "manual_qualifications": "Qualifications",
    "manual_education": "Education",
    "manual_major": "Field of study",
    "manual_experience": "Experience",
    "manual_experience_years": "{n}+ years",
    "manual_skills": "Skills",
    "manual_languages": "Languages",
    "manual_certificates": "Certificates",
    "manual_health": "Health",
    "manual_traits": "Personal qualities",
    "manual_age": "Age",
    "manual_gender": "Gender",
    "manual_other": "Other",
    "manual_conditions": "Working conditions",
    "manual_workdays": "Workdays per week",
    "manual_workdays_value": "{n}",
    "manual_hours": "Hours",
    "manual_environment": "Environment",
    "manual_intensity": "Intensity",
    "manual_hazards": "Hazards",
    "manual_career": "Career development",
    "manual_promotion": "Promotion",
    "manual_lateral": "Lateral moves",
    "manual_training": "Ongoing training",
    "manual_takes_part": "Work instructions and checklists this role takes part in",
    "manual_records_kept": "Records this role fills in or keeps",
    "manual_purpose": "Purpose",
    "manual_scope": "Scope",
    "manual_references": "References",
    "manual_steps": "Procedure",
    "manual_records": "Records",
    "manual_step_no": "No.",
    "manual_step_content": "What to do",
    "manual_step_roles": "Performed by",
    "manual_step_records": "Records",
    "manual_standard": "Standard",
    "manual_own_step": "Your step",
    "manual_own_legend": "Steps marked “Your step” are performed by the {role}.",
    "manual_record": "Record",
    "manual_record_id": "Record id",
    "manual_record_procedure": "Procedure",
    "manual_record_frequency": "Frequency",
    "manual_record_keeper": "Kept by",
    "manual_record_steps": "Steps",
    "manual_site": "Site",
    "manual_check_date": "Date",
    "manual_inspector": "Inspector",
    "manual_inspected": "Inspected",
    "manual_item_id": "ID",
    "manual_item": "Item",
    "manual_item_standard": "Standard",
    "manual_points": "Points",
    "manual_result": "Result",
    "manual_score": "Score",
    "manual_remarks": "Remarks",
    "manual_audits": "Audits",
    "manual_inspected_roles": "Roles inspected",
    "manual_check_frequency": "Frequency",
    "manual_scoring": "Scoring",
    "manual_method_percent": "Percentage: points earned ÷ points of applicable items × 100",
    "manual_method_percent_weighted": "Percentage, weighted mean of the sections",
    "manual_method_deduct": "Deduction: start from {total}, subtract per item",
    "manual_pass": "Pass mark: {pass_}",
    "manual_grades": "Grades",
    "manual_grade_band": "{name} ≥ {min}",
    "manual_critical": "Critical",
    "manual_critical_fail": "A failed critical item fails the sheet.",
    "manual_critical_zero": "A failed critical item fails the sheet and scores it 0.",
    "manual_section_weight": "weight {weight}%",
    "manual_hint_check": "Pass / Fail / N/A",
    "manual_hint_scale": "0–{points}",
    "manual_hint_count": "count",
    "manual_hint_measure": "measured",
    "manual_hint_info": "note",
    "manual_per": "−{per} per occurrence, at most {points}",
    "manual_target_range": "target {min}–{max} {unit}",
    "manual_target_min": "target ≥ {min} {unit}",
    "manual_target_max": "target ≤ {max} {unit}",
    "manual_sign_inspector": "Inspector's signature",
    "manual_sign_inspected": "Signature of the person inspected",
    "manual_back_to_contents": "Back to contents",
    "manual_item_step": "see {procedure} step {number}",
    "manual_clause_sep": "; ",
    # --- checklists and score reports ------------------------------------------------
    "sheet.form": "Checklist",
    "sheet.doc_id": "Document No.",
    "sheet.version": "Version",
    "sheet.effective": "Effective",
    "sheet.frequency": "Frequency",
    "sheet.site": "Site",
    "sheet.date": "Date",
    "sheet.inspector": "Inspector",
    "sheet.inspected": "Inspected",
    "sheet.reviewer": "Reviewer",
    "sheet.col_id": "ID",
    "sheet.col_item": "Item",
    "sheet.col_standard": "Standard",
    "sheet.col_points": "Points",
    "sheet.col_result": "Result",
    "sheet.col_score": "Score",
    "sheet.col_remarks": "Remarks",
    "sheet.pass": "Pass",
    "sheet.fail": "Fail",
    "sheet.na": "N/A",
    "sheet.section_title": "{n}. {title}",
    "sheet.section_weight": " (weight {weight})",
    "sheet.rule_scale": "Score 0–{points}",
    "sheet.rule_count": "−{per} per occurrence, at most −{points}",
    "sheet.rule_measure": "Target {target}",
    "sheet.target_between": "{min}–{max} {unit}",
    "sheet.target_min": "≥ {min} {unit}",
    "sheet.target_max": "≤ {max} {unit}",
    "sheet.prompt_title": "How to fill in",
    "sheet.prompt_check": "Choose {pass}, {fail} or {na} from the list. Also accepted: "
    "√ × x Y N OK NG 1 0.",
    "sheet.prompt_scale": "Enter a score from 0 to {points}, or {na}.",
    "sheet.prompt_count": "Enter how many times it happened (0, 1, 2 …): −{per} each, at "
    "most −{points}. Or {na}.",
    "sheet.prompt_measure": "Enter the measured value ({unit}); target {target}. Or {na}.",
    "sheet.prompt_info": "Free text: not scored.",
    "sheet.error_title": "Check the answer",
    "sheet.error_check": "Choose Pass, Fail or N/A from the list (√ × Y N OK NG are accepted "
    "too). Keep this value anyway?",
    "sheet.error_number": "Enter a number in the range shown, or N/A. Keep this value anyway?",
    "sheet.error_count": "Enter a whole number 0 or more, or N/A. Keep this value anyway?",
    "sheet.method_percent": "Scoring: percentage of the applicable points",
    "sheet.method_weighted": "Scoring: weighted mean of the section percentages",
    "sheet.method_deduct": "Scoring: deductions from {total}",
    "sheet.pass_mark_text": "pass mark {value}",
    "sheet.critical_fail": "★ critical item: failing it fails the sheet",
    "sheet.critical_zero": "★ critical item: failing it scores the sheet 0",
    "sheet.grades_text": "grades: {bands}",
    "sheet.band": "{name} ≥ {min}",
    "sheet.band_sep": ", ",
    "sheet.part_sep": "; ",
    "sheet.summary": "Result",
    "sheet.section": "Section",
    "sheet.weight": "Weight",
    "sheet.applicable": "Applicable points",
    "sheet.earned": "Points earned",
    "sheet.percentage": "Percentage",
    "sheet.critical_failed": "Critical items failed",
    "sheet.unanswered": "Items not answered",
    "sheet.score": "Score",
    "sheet.pass_mark": "Pass mark",
    "sheet.verdict": "Verdict",
    "sheet.verdict_pass": "PASS",
    "sheet.verdict_fail": "FAIL",
    "sheet.verdict_incomplete": "INCOMPLETE",
    "sheet.grade": "Grade",
    "sheet.signature": "{who} (signature): ",
    "sheet.sign_date": "Date: ",
    "sheet.page": "Page &P of &N",
    "sheet.status_draft": "DRAFT — not in force",
    "sheet.status_retired": "RETIRED — withdrawn",
    "score.file": "File",
    "score.checklist": "Checklist",
    "score.title": "Title",
    "score.version": "Version",
    "score.status": "Status",
    "score.score": "Score",
    "score.passed": "Passed",
    "score.grade": "Grade",
    "score.critical_failed": "Critical failed",
    "score.missing": "Not answered",
    "score.invalid": "Invalid answers",
    "score.warnings": "Warnings",
    "score.site": "Site",
    "score.date": "Date",
    "score.inspector": "Inspector",
    "score.inspected": "Inspected",
    "score.yes": "yes",
    "score.no": "no",
    "score.status_ok": "ok",
    "score.status_incomplete": "incomplete",
    "score.status_invalid": "invalid",
    "score.status_unreadable": "unreadable",
    "score.status_unknown": "unknown",
    "score.summary_sheet": "Summary",
    "score.actions_sheet": "Corrective actions",
    "score.item_id": "Item",
    "score.item": "Item text",
    "score.standard": "Standard",
    "score.answer": "Answer",
    "score.earned": "Earned",
    "score.points": "Points",
    "score.critical": "Critical",
    "score.remarks": "Remarks",
    "score.total": "{files} file(s): {scored} scored, {passed} passed, {failed} failed, "
    "{problems} with problems",
    # --- document control (diff, due, coverage) --------------------------------------
    "diff.element.step": "step",
    "diff.element.duty": "duty",
    "diff.element.kpi": "KPI",
    "diff.element.record": "record",
    "diff.element.item": "item",
    "diff.element.section": "section",
    "diff.element.grade": "grade",
    "diff.element.relation": "relation",
    "diff.element.revision": "revision",
    "diff.md.added": "Added {what}",
    "diff.md.removed": "Removed {what}",
    "diff.md.changed": "Changed {what}",
    "diff.md.moved": "Moved {what}",
    "diff.moved_from": "moved from {old}",
    "diff.doc.added": "new document",
    "diff.doc.removed": "document removed",
    "diff.no_changes": "No changes.",
    "diff.summary": "{documents} document(s) changed, {changes} change(s)",
    "diff.hint": "hint",
    "due.col.id": "id",
    "due.col.kind": "kind",
    "due.col.title": "title",
    "due.col.state": "state",
    "due.col.due": "due",
    "due.col.days": "days",
    "due.col.review_every": "review every",
    "due.col.last": "last reviewed",
    "due.col.file": "file",
    "due.none": "No review is due.",
    "due.state.overdue": "review overdue",
    "due.state.due": "review due",
    "due.state.draft-overdue": "draft past its effective date",
    "due.state.draft-due": "draft about to take effect",
    "coverage.matrix": "Steps per role and procedure",
    "coverage.uncovered": "Procedure steps no checklist item inspects",
    "coverage.unlinked": "Checklist items linked to no step",
    "coverage.idle": "Roles with no procedure",
    "coverage.none": "none",
    "score.sheet": "Sheet",
    "score.added": "Added rows",
    "score.status_skipped": "skipped",
    "score.status_outdated": "outdated form",
    "score.deadline": "deadline",
    "score.excluded": "left out of the figures",
    "sheet.invalid_count": "Invalid answers",
    "sheet.verdict_invalid": "Invalid answers",
    # --- sopkit import ---
    "import.header": "DRAFT imported by sopkit import from {source}: check every value, then set status: active.",
    "import.legend": "Each comment says where the value was in the source: L12 = line 12, ¶12 = paragraph 12, T1!B2 = table 1, cell B2.",
    "import.unplaced": "Lines of the source that could not be placed: move them where they belong, then delete them.",
    "import.note.id": "id made by sopkit: replace it with your document number",
    "import.note.version": "not in the source",
    "import.note.effective": "date of import: write the date it takes effect",
    "import.note.file-name": "no title in the source: the file name",
    # format additions (issue 12): duty standard, requirements, step and record fields
    "manual_duty_standard": "Standard of work",
    "manual_knowledge": "Knowledge",
    "manual_abilities": "Abilities",
    "manual_training_history": "Training received",
    "manual_level_required": " (required)",
    "manual_level_preferred": " (preferred)",
    "manual_step_frequency": "Frequency",
    "manual_step_deadline": "Time limit",
    "manual_step_reviewer": "Reviewed by",
    "manual_step_upstream": "Comes from",
    "manual_step_downstream": "Goes to",
    "manual_record_retention": "Kept for",
    "record.summary": "{recorded} recorded, {duplicates} duplicate(s), {not_recorded} not recorded, {skipped} skipped (not a workbook); corrective actions: {actions_opened} opened, {actions_closed} closed",
    "report.title": "Inspection report",
    "report.as_of": "as of",
    "report.period_month": "monthly",
    "report.period_week": "weekly",
    "report.periods": "Scores per site and period",
    "report.checklist": "checklist",
    "report.period": "period",
    "report.rank": "rank",
    "report.site": "site",
    "report.inspections": "inspections",
    "report.mean": "mean score",
    "report.change": "change",
    "report.pass_rate": "pass rate",
    "report.critical": "critical failures",
    "report.nothing": "Nothing in this period.",
    "report.trend": "trend",
    "report.items": "Most-failed items",
    "report.item": "item",
    "report.text": "item text",
    "report.rate": "failure rate",
    "report.failures": "failures",
    "report.answered": "answered",
    "report.step": "step",
    "report.roles": "roles",
    "report.retraining": "Retraining per role",
    "report.role": "role",
    "report.heatmap": "Failure rate per site and item (%)",
    "report.recurring": "Recurring failures",
    "report.streak": "consecutive",
    "report.first": "first",
    "report.last": "last",
    "report.missing": "Missing inspections",
    "report.expected": "expected",
    "report.received": "received",
    "report.actions": "Corrective actions",
    "report.owner": "manager",
    "report.open": "open",
    "report.overdue": "overdue",
    "report.closed": "closed this period",
    "report.found": "found",
    "report.due": "due",
    "report.status": "status",
    "report.closed_on": "closed on",
    "report.status_open": "open",
    "report.status_overdue": "overdue",
    "report.status_closed": "closed",
    "report.item_sheet": "Items",
    "notice.sheet": "Notice",
    "notice.title": "Corrective action notice",
    "notice.id": "id",
    "notice.site": "site",
    "notice.checklist": "checklist",
    "notice.item": "item",
    "notice.text": "item text",
    "notice.found": "found",
    "notice.due": "due",
    "notice.owner": "manager",
    "notice.status": "status",
    "notice.closed_on": "corrected on",
    "notice.closed_by": "closed by",
    "notice.note": "note",
    "notice.open": "open",
    "notice.done": "closed",
    "notice.imported": "{count} corrective action(s) closed: {ids}",
    "notice.closed_one": "closed {id}: {site} {checklist} {item}",
    "notice.empty": "no open corrective action for site {site}: the notice is empty (sopkit actions --open lists the open ones with their site)",
    "import.missing": "Not in the source: write these and remove the '# ' in front (a draft may lack them; status: active needs them).",
    "manual_controlled": "CONTROLLED",
    "manual_controlled_copy": "Controlled copy No. {copy}",
    "manual_uncontrolled": "Uncontrolled · for reference only",
    "manual_copy_no": "Copy No.",
    "manual_distribution": "Distribution record",
    "manual_holder": "Holder / department",
    "manual_issue_date": "Date issued",
    "manual_receiver_sign": "Holder's signature",
    "manual_distribution_note": "This manual is a controlled document issued in {n} numbered copies; old copies are withdrawn when a new version is issued.",
    "manual_signoff": "Training sign-off",
    "manual_signoff_intro": "This manual holds the following documents:",
    "manual_signoff_statement": "I have read and understood the documents above and will work by them.",
    "manual_trainee": "Trainee",
    "manual_trainer": "Trainer",
    "manual_org_chart": "Organization chart",
    "manual_flowchart": "Flowchart",
    "manual_outside_library": "outside this library",
    "manual_preset_frontline": "Frontline cards",
    "manual_preset_auditor": "Auditor's manual",
    "manual_inspects": "Step inspected",
    "report.added": "Findings the inspectors added",
    "report.added_note": "Rows written on the sheet beyond the checklist's items: not part of any score; each is a corrective action to close by hand.",
    "report.file": "file",
    "report.sheet": "sheet",
    "report.cell": "cell",
    "report.finding": "finding",
    "report.answer": "answer",
}

FIELDS = {  # descriptions of the fields in the JSON Schema (sopkit schema): "Model.field", or "field" for every model
    "kind": "Document kind: role (job description) | procedure (work instruction) | checklist",
    "id": "Id: letters, digits and . _ -, unique in the library ignoring case; other documents refer to this one by it, e.g. KF-LB",
    "title": "Title, e.g. Customer service supervisor",
    "doc_no": "Document number printed on the paper (may hold [ ] and the like), e.g. CE-OP-408[2005]0801-A; references still use id",
    "version": 'Version, always in quotes: "1.1", "2.0.3" or "A/0"',
    "effective": "Effective date, YYYY-MM-DD",
    "status": "Status: draft 草稿 | active 生效 (default) | retired 作废; English or Chinese",
    "owner": "Owning department",
    "review_every": "Review interval: 1y, 6m, 2w, 90d (sopkit due)",
    "approval": "Prepared / reviewed / approved by",
    "revisions": "Revision history, newest first; the first entry's version equals version (sopkit bump adds it)",
    "Approval.prepared_by": "Prepared by",
    "Approval.reviewed_by": "Reviewed by",
    "Approval.reviewed_on": "Review date, YYYY-MM-DD",
    "Approval.approved_by": "Approved by",
    "Approval.approved_on": "Approval date, YYYY-MM-DD",
    "Approval.fingerprint": "Fingerprint of the approved content, written by sopkit approve; do not edit",
    "Revision.version": "The version this revision made, in quotes",
    "Revision.date": "Date of the revision, YYYY-MM-DD",
    "Revision.author": "Who made the revision",
    "Revision.changes": "What changed",
    "Role.department": "Department (required once active; a draft may lack it)",
    "Role.grade": "Grade, e.g. Supervisor",
    "Role.reports_to": "Direct superior: a role id of the library (KF-ZG), or {title: CEO} for a role outside it; a list for several",
    "Role.subordinates": "Direct reports outside the library, e.g. [{title: Cleaner}]; those in the library come from their reports_to",
    "Role.headcount": "Number of posts (≥ 1)",
    "Role.summary": "Purpose of the job in one or two sentences (required once active)",
    "Role.duties": "Duties, one per entry (at least one once active)",
    "Role.authorities": "Authorities, one per entry",
    "Role.kpis": "Key performance indicators; with weights, every one has a weight and they add up to 100",
    "Role.relations": "Working relations: internal and external",
    "Role.qualifications": "Qualifications",
    "Role.conditions": "Working conditions",
    "Role.career": "Career: promotion and rotation",
    "Role.training": "Training the job needs",
    "Duty.area": "Area of the duty (optional)",
    "Duty.description": "What the duty is",
    "Duty.standard": "Standard of work",
    "Duty.kpi": "Suggested measure; a list for several",
    "Kpi.name": "Indicator",
    "Kpi.target": "Target, e.g. ≥95%",
    "Kpi.weight": "Weight (%); all weights add up to 100",
    "Relations.internal": "Departments inside the company",
    "Relations.external": "Organisations outside",
    "Relation.party": "Department or organisation",
    "Relation.frequency": "How often: often 频繁 | regular 经常 | occasional 偶尔",
    "Relation.purpose": "What about",
    "Qualifications.education": "Education, e.g. College",
    "Qualifications.major": "Field of study",
    "Qualifications.experience_years": "Years of experience (whole number)",
    "Qualifications.experience": "Experience",
    "Qualifications.skills": "Skills",
    "Qualifications.knowledge": "Knowledge",
    "Qualifications.abilities": "Abilities",
    "Qualifications.training_history": "Training received",
    "Qualifications.languages": "Languages",
    "Qualifications.certificates": "Certificates",
    "Qualifications.health": "Health",
    "Qualifications.traits": "Personal traits",
    "Qualifications.age": "Age, e.g. 25-35",
    "Qualifications.gender": "Gender",
    "Qualifications.other": "Other requirements",
    "Requirement.text": "The requirement",
    "Requirement.level": "required 必备 (default) | preferred 优先",
    "Outside.title": "Title of a role outside the library, e.g. CEO",
    "Conditions.workdays_per_week": "Working days per week (1–7)",
    "Conditions.hours": "Working hours, e.g. by roster",
    "Conditions.environment": "Environment",
    "Conditions.intensity": "Intensity",
    "Conditions.hazards": "Hazards",
    "Career.promotion": "Promotion: role ids or text",
    "Career.lateral": "Rotation: role ids or text",
    "Procedure.purpose": "Purpose (required once active; a draft may lack it)",
    "Procedure.scope": "Scope (required once active; a draft may lack it)",
    "Procedure.references": "Referenced documents",
    "Procedure.records": "Record forms this procedure produces",
    "Procedure.steps": "Steps; the numbers 1, 1.1 … come from their position",
    "Record.id": "The form's key in this procedure; steps refer to it",
    "Record.title": "Name of the form",
    "Record.form_no": "Form number printed on the form",
    "Record.frequency": "How often it is filled in, e.g. every shift",
    "Record.keeper": "Id of the role that keeps it",
    "Record.retention": "How long it is kept, e.g. 1 year",
    "Step.id": "Step id (optional): unique in the procedure; checklists link to PROCEDURE#id",
    "Step.title": "Title of the step or group",
    "Step.text": "What to do",
    "Step.role": "Id of the role that performs it (a list for several); sub-steps inherit it",
    "Step.records": "Forms filled in at this step (ids under records)",
    "Step.standard": "Measurable standard",
    "Step.frequency": "How often, e.g. once a month",
    "Step.deadline": "Time limit, e.g. by the 1st of the month",
    "Step.reviewer": "Who reviews it",
    "Step.upstream": "Where the work comes from",
    "Step.downstream": "Where the work goes",
    "Step.steps": "Sub-steps",
    "Checklist.procedure": "Id of the procedure it audits",
    "Checklist.roles": "Ids of the roles whose work is inspected",
    "Checklist.frequency": "How often, e.g. daily",
    "Checklist.scoring": "Scoring rules",
    "Checklist.sections": "Sections of the form",
    "Scoring.method": "percent 百分制 (default) | deduct 扣分制",
    "Scoring.total": "Starting score of deduct scoring (default 100)",
    "Scoring.pass": "Pass mark",
    "Scoring.critical": "A failed critical item: fail 不合格 fails the sheet (default) | zero 零分 sets the score to 0",
    "Scoring.grades": "Grade bands from the highest min down; the last min is 0",
    "Grade.name": "Name of the grade, e.g. Excellent",
    "Grade.min": "Lowest score of the grade",
    "Section.title": "Section title",
    "Section.weight": "Section weight; if one section has a weight, all do",
    "Section.items": "Items to inspect",
    "Item.id": "Item id, unique in the checklist, e.g. A1",
    "Item.text": "What is inspected",
    "Item.standard": "Standard",
    "Item.type": "check 判定 | scale 评分 | count 计次 | measure 测量 | info 记录",
    "Item.points": "Points (greater than 0 except for info)",
    "Item.per": "Points lost per occurrence (count items)",
    "Item.unit": "Unit of a measure item, e.g. m",
    "Item.target": "Target range {min, max} of a measure item",
    "Item.critical": "Critical: failing it fails the sheet",
    "Item.step": "Step inspected: PROCEDURE#step-id",
    "Target.min": "Lowest value (inclusive)",
    "Target.max": "Highest value (inclusive)",
    "Config.organization": "Company name, printed on manual covers and checklist headers",
    "Config.locale": "Language: zh-CN (default) or en",
    "Config.results": "Results store of sopkit record / report: a path relative to the library or a database URL (default results.sqlite)",
    "fix_within": "Time to correct a failed item (corrective action due date): 7d, 2w, 1m; on an item it wins over the checklist's; default 7d",
    "Sites.sites": "The sites inspected",
    "Site.id": "Site id: letters, digits and . _ -, e.g. BJ1",
    "Site.name": "Site name as printed on forms, e.g. 滨江壹号",
    "Site.aliases": "Other spellings inspectors write for this site",
    "Site.manager": "Owner of this site's corrective actions",
    "Site.schedule": "Checklist id: inspections expected per period, e.g. XC-CHK-01: {every: month, times: 2}",
    "Expected.every": "Period: week | month (default month)",
    "Expected.times": "Inspections expected per period (default 1)",
}
