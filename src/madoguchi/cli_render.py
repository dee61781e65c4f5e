"""Human-readable, coloured views of analysis results for the terminal (rich).

Only the *redacted* text is ever printed: a secret never reaches the terminal.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from madoguchi.analysis import Analysis, Entity, analyze

_MARKER = re.compile(r"\[(?:redacted|伏字): [^\]]+\]")
_SEVERITY_STYLE = {"danger": "bold red", "warning": "yellow", "info": "cyan"}


def _validity(entity: Entity) -> Text:
    status = entity.details.get("status") if isinstance(entity.details, dict) else None
    if entity.valid is True:
        return Text(str(status or "valid"), style="green")
    if entity.valid is False:
        warnings = entity.details.get("warnings") if isinstance(entity.details, dict) else None
        return Text(
            ", ".join(map(str, warnings or [])) or str(status or "invalid"), style="bold red"
        )
    return Text(str(status or ""), style="dim")  # no check exists for this kind


def _value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _redacted_text(redacted: str) -> Text:
    text = Text(redacted)
    for m in _MARKER.finditer(redacted):
        text.stylize("bold white on red", m.start(), m.end())
    return text


def analysis_renderables(analysis: Analysis, *, title: str = "") -> list[Any]:
    """Panels and tables showing one analysis."""
    parts: list[Any] = [
        Panel(
            _redacted_text(analysis.redacted),
            title=title or "message (as stored)",
            subtitle=f"language: {analysis.language}",
            border_style="blue",
        )
    ]
    if analysis.secrets:
        kinds = ", ".join(f"{s.kind} [{s.start}:{s.end}]" for s in analysis.secrets)
        parts.append(
            Text.assemble(
                ("⚠ secrets redacted before storage: ", "bold red"),
                (kinds, "red"),
            )
        )
    if analysis.entities:
        table = Table(title="entities", show_lines=False, expand=True)
        for col in ("kind", "text", "value", "chain", "check"):
            table.add_column(col, overflow="fold")
        for e in analysis.entities:
            table.add_row(e.kind, e.text, _value(e.value), e.chain or "", _validity(e))
        parts.append(table)
    for f in analysis.findings:
        style = _SEVERITY_STYLE.get(f.severity, "")
        parts.append(
            Text.assemble(
                (f"[{f.severity}] {f.code}: ", style),
                f.message_en,
                "\n    ",
                (f.message_ja, "dim"),
            )
        )
    return parts


def render_analysis(
    *, text_length: int, analysis: Analysis, console: Console | None = None
) -> None:
    console = console or Console()
    for part in analysis_renderables(analysis, title=f"message ({text_length} characters)"):
        console.print(part)


def render_conversation(
    messages: list[dict[str, Any]], *, tz: str, console: Console | None = None
) -> None:
    """Scan each message of a sample conversation and show what the desk would store."""
    console = console or Console()
    console.rule("[bold]madoguchi demo — the analysis core reads a support conversation")
    console.print(
        "Every message is scanned [bold]before storage[/bold]: secrets are redacted, "
        "crypto entities are validated per chain and inconsistencies are flagged.\n"
        "(The desk server arrives with the next issue; `madoguchi scan` analyses your own text.)\n"
    )
    for number, message in enumerate(messages, start=1):
        analysis = analyze(message["text"], received_at=message.get("received_at"), tz=tz)
        title = f"#{number} {message.get('author', 'customer')} · {message.get('received_at', '')}"
        for part in analysis_renderables(analysis, title=title):
            console.print(part)
        console.print()
