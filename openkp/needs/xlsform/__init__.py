"""XLSForm, the XLSX questionnaire format of ODK and KoboToolbox: export of a survey's current version and
import of a form as a new draft survey.

Sheets: ``survey`` (type, name, label, hint, required, relevant, appearance, constraint), ``choices``
(list_name, name, label) and ``settings`` (form_title, form_id, version, default_language). A matrix is the
ODK table pattern: a ``field-list`` group with a header ``select_one`` (appearance ``label``) and one
``select_one`` per row (``list-nolabel``). "Jiné" is the choice ``other`` plus a text question ``<code>__other``.

The reader accepts the older spellings that XLSForm (pyxform) still accepts: ``list name``, ``select one from X``,
``begin loop``, ``label:English``, old type names. The import first reads the whole file into a plan without writing anything; problems that make the file
unusable are collected with their sheet and row, and only a clean plan is written, in one transaction.
"""

from .export import export_xlsform, relevant_expression
from .reading import XLSFormError, import_xlsform, parse_relevant, parse_xlsform

__all__ = ["XLSFormError", "export_xlsform", "import_xlsform", "parse_relevant", "parse_xlsform", "relevant_expression"]
