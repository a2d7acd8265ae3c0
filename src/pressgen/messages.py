"""The messages pressgen gives about input, in one catalogue, so they can be translated.

They are written for the person who wrote the file (a press officer, not a
programmer): what is wrong, in plain words, and what to write instead. Each is a
``str.format`` template; the names in braces are filled in by the caller. A
translation replaces the templates, not the code that uses them.
"""

from __future__ import annotations

import unicodedata

# -- reading the file ------------------------------------------------------------------
NO_SUCH_FILE = "no such file"
IS_A_DIRECTORY = "is a directory, not a meeting file"
CANNOT_READ = "cannot read: {reason}"
FILE_TOO_LARGE = "file is {size} bytes; the limit is {limit}"
FILE_OVER_LIMIT = "file is larger than the limit of {limit} bytes"
NOT_UTF8 = "not UTF-8 text (byte 0x{byte:02X})"
CONTROL_IN_FILE = "the file contains the invisible character {char}; delete it"
EMPTY_FILE = "the file is empty"
NOT_A_MAPPING = "a meeting file is a mapping of fields (key: value)"
TOO_MANY_VALUES = "more than {limit} values in one file; a meeting file is far smaller"
TOO_DEEP = "nested deeper than {limit} levels"

# -- YAML and JSON syntax --------------------------------------------------------------
NOT_VALID = "not valid {kind}: {detail}"
YAML_ERRORS = {
    r"mapping values are not allowed": (
        "a colon and a space inside a value; put the whole value in quotes"
    ),
    r"found character '\\t' that cannot start any token": (
        "a tab character; indent with spaces, not tabs"
    ),
    r"found character '(?P<char>.)' that cannot start any token": (
        "a value cannot start with {char}; put the whole value in quotes"
    ),
    r"while scanning a quoted scalar .*found unexpected end of stream": (
        "a quotation mark is opened but never closed"
    ),
    r"while parsing a flow sequence": "a list in [brackets] is not closed with ]",
    r"while parsing a flow mapping": "a mapping in {{braces}} is not closed with }}",
    r"could not find expected ':'": (
        'a line that is not "key: value": add the colon, or join it to the line above'
    ),
    r"expected <block end>": (
        "this line does not fit the lines above: check its indentation, and that"
        " a value with quotes in it is quoted whole"
    ),
}
"""PyYAML's messages, matched by pattern, in plain words (others are shown as they come)."""
JSON_CONSTANT = "not valid JSON: {name} is not a number JSON allows"
JSON_ERRORS = {
    "Expecting value": "a value is missing here",
    "Expecting ',' delimiter": "a comma or a closing bracket is missing here",
    "Expecting ':' delimiter": "a colon is missing after the field name",
    "Expecting property name enclosed in double quotes": (
        "a field name in double quotes is expected here"
    ),
    "Illegal trailing comma before end of object": "a comma before the closing brace; delete it",
    "Extra data": "there is more after the end of the data",
}
"""The JSON decoder's messages in plain words (others are shown as they come)."""
ALIAS = "YAML aliases (*name) are not supported; write the value out"
TAG = "YAML tag {tag!r} is not supported"
MERGE_KEY = "YAML merge keys (<<) are not supported; write the fields out"
KEY_NOT_NAME = "keys must be plain names"
DUPLICATE_KEY = "duplicate key (first given at line {line})"

# -- values as written -----------------------------------------------------------------
TEXT_EXPECTED = (
    "text expected, but YAML reads {written} as the {type} {value!r}; put the value in quotes"
)
WHOLE_NUMBER_EXPECTED = (
    "whole number expected, not {written};"
    " write the number in plain digits (no leading zero, sign, separator or decimals)"
)
WHOLE_NUMBER_NOT_TEXT = "whole number expected, not the text {value!r}; write it without quotes"
TRUE_OR_FALSE_EXPECTED = "true or false expected, not {written}"
TRUE_OR_FALSE_NOT_TEXT = "true or false expected, not the text {value!r}; write it without quotes"

# -- fields ----------------------------------------------------------------------------
FIELD_REQUIRED = "field required"
UNKNOWN_FIELD = "unknown field"
DID_YOU_MEAN_FIELD = "did you mean {name!r}?"
VALID_HERE = "valid here: {names}"
UNKNOWN_KIND = "unknown kind {tag!r}; expected one of {expected}"
LONE_SURROGATE = "character U+{code:04X} is not allowed in text (a lone surrogate)"
TO_BE_CONFIRMED = "still to be confirmed: replace the drafted value"
NOT_IN_TEXT = "character {char} is not allowed in text ({reason})"
CONTROL_CHARACTER = "a control character"
LONE_SURROGATE_CHARACTER = "a lone surrogate"
NON_CHARACTER = "a non-character"
LINE_BREAK_CHARACTER = "a line break"
BIDI_CONTROL = "a bidirectional control that could reorder the text invisibly"
BYTE_ORDER_MARK = "a byte order mark"
TAG_CHARACTER = "a tag character, which can carry hidden text"
FORMAT_CHARACTER = "an invisible format character"
INVISIBLE_RUN = (
    "three invisible characters in a row ({codes}) are not allowed in text:"
    " they can carry hidden text"
)
ONE_LINE = "must be on one line"
DATE_WITHOUT_TIME = "a date without a time is expected, such as 2017-04-14"
IMPOSSIBLE_DATE = "impossible date {value!r}: {reason}"
DATE_NOT_ISO = "dates are written in ISO form, such as 2017-04-14, not {value!r}"
URL_NOT_WEB = "not an absolute http(s) URL: {value!r}"
URL_CHARACTERS = "a URL may not contain spaces, quotes, angle brackets or controls"
URL_PASSWORD = "a URL may not carry a user name or password"
EMPTY = "is empty; write {what}"
EMPTY_TEXT = "must not be empty or only spaces"
EMPTY_WHAT = "a value"
NOT_A_STATE_CODE = "`{value}` is not a state code; did you mean {code}?"
NOT_A_STATE = (
    "`{value}` is not a state code; write the two-letter ISO 3166-1 code of the state, such as KZ"
)
UNKNOWN_STATE_CODE = "unknown state code {value!r}: not an ISO 3166-1 alpha-2 code of a state"
STATUS_WITH_ARTICLE = {
    "member": "a member state",
    "observer": "an observer",
    "dialogue-partner": "a dialogue partner",
    "guest": "a guest",
}
"""How each status reads after "not" in a sentence."""
AND_MORE = "and {count} more problems in this file"


# -- a .docx template ------------------------------------------------------------------
DOCX_NOT_A_FILE = "the .docx template is not a file"
DOCX_NOT_A_ZIP = "not a usable .docx template: not a zip package ({reason})"
DOCX_CANNOT_READ = "cannot read the .docx template: {reason}"
DOCX_TOO_MANY_PARTS = "{count} parts; a .docx template may hold {limit}"
DOCX_PART_TOO_LARGE = "part {part} is {size} bytes uncompressed; the limit is {limit}"
DOCX_TOO_LARGE = "{size} bytes uncompressed in all; the limit is {limit}"
DOCX_MACROS = "part {part}: macros and ActiveX controls are not accepted"
DOCX_MACRO_CONTENT = (
    "part {part}: macro-enabled content ({kind}) is not accepted;"
    " save the template as .docx, not .docm"
)
DOCX_DTD = "a document type declaration (DTD)"
DOCX_ENTITY = "an entity declaration"
DOCX_DECLARATION = "part {part}: {what} is not accepted in XML"
DOCX_BAD_XML = "part {part}: not well-formed XML ({reason})"
DOCX_EXTERNAL = (
    "part {part}: {what} outside the file ({target!r}) is not accepted; embed it or remove it"
)
DOCX_LINK_KINDS = {
    "attachedTemplate": "an attached template",
    "image": "a linked image",
    "oleObject": "a linked object",
    "subDocument": "a linked subdocument",
    "frame": "a linked frame",
    "hyperlink": "a hyperlink",
}
DOCX_LINK_KIND = "a {kind} link"


def code_point(char: str) -> str:
    """``"\\u2028"`` → ``U+2028 LINE SEPARATOR`` (controls have no name: ``U+0007``)."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}" if name else f"U+{ord(char):04X}"
