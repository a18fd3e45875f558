"""The HTML report of an evaluation: figures table, per-class table, confusion matrices and
error histograms drawn with matplotlib (Agg, embedded as base64 PNG), the worst errors."""
from __future__ import annotations

import base64
import html
import io
import math
from collections.abc import Sequence
from typing import Any

from .result import Confusion, EvalResult

_STYLE = ("body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
          "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
          "text-align:left;vertical-align:top}th{background:#eee}img{max-width:100%}")


def _pyplot() -> Any:
    """matplotlib.pyplot on the Agg backend (no display; imported only when a report is drawn)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _png(figure: Any) -> str:
    """A matplotlib figure as an <img> with the PNG inlined; the figure is closed."""
    plt = _pyplot()

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    plt.close(figure)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img alt="figure" src="data:image/png;base64,{data}">'


def confusion_figure(confusion: Confusion) -> str:
    """A heat map of the confusion matrix with the counts written in the cells."""
    plt = _pyplot()
    size = max(4.0, 0.45 * len(confusion.labels) + 2)
    figure, axes = plt.subplots(figsize=(size, size))
    axes.imshow(confusion.counts or [[0]], cmap="Blues")
    ticks = range(len(confusion.labels))
    axes.set_xticks(list(ticks), confusion.labels, rotation=90)
    axes.set_yticks(list(ticks), confusion.labels)
    axes.set_xlabel("predicted")
    axes.set_ylabel("gold")
    axes.set_title(confusion.title, fontsize=9)
    darkest = max((max(counts) for counts in confusion.counts), default=0)
    for row, counts in enumerate(confusion.counts):
        for column, count in enumerate(counts):
            if count:
                axes.text(column, row, str(count), ha="center", va="center", fontsize=7,
                          color="white" if count > darkest / 2 else "black")
    return _png(figure)


def histogram_figure(name: str, values: Sequence[float]) -> str:
    """A histogram of an error series; km errors on a log scale (they span 0 to 20,000)."""
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(6, 3.2))
    if name.endswith("_km"):
        axes.hist([math.log10(v + 1) for v in values], bins=30, color="#4a7fb0")
        axes.set_xlabel("log10(error km + 1)")
    else:
        axes.hist(values, bins=30, color="#4a7fb0")
        axes.set_xlabel(name)
    axes.set_ylabel("count")
    axes.set_title(f"{name} (n={len(values)})", fontsize=9)
    return _png(figure)


def _value(value: float | int | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def render_html(result: EvalResult, *, title: str | None = None) -> str:
    """The whole report as one self-contained HTML page."""
    esc = html.escape
    heading = esc(title or f"warmonitor eval: {result.format} on {result.gold_file}")
    parts = [f"<!doctype html><meta charset='utf-8'><title>{heading}</title><style>{_STYLE}</style>",
             f"<h1>{heading}</h1><p>{result.items} gold items.</p><h2>Figures</h2><table>"]
    parts += [f"<tr><th>{esc(name)}</th><td>{_value(value)}</td></tr>" for name, value in result.figures.items()]
    parts.append("</table>")
    if result.per_class:
        parts.append("<h2>Per class</h2><table><tr><th>class</th><th>precision</th><th>recall</th>"
                     "<th>F1</th><th>support</th></tr>")
        parts += [f"<tr><td>{esc(label)}</td><td>{row['precision']:.2f}</td><td>{row['recall']:.2f}</td>"
                  f"<td>{row['f1']:.2f}</td><td>{row['support']}</td></tr>" for label, row in result.per_class.items()]
        parts.append("</table>")
    for confusion in result.confusions:
        parts.append(f"<h2>Confusion matrix</h2>{confusion_figure(confusion)}")
    for name, values in result.histograms.items():
        if values:
            parts.append(f"<h2>Errors: {esc(name)}</h2>{histogram_figure(name, values)}")
    parts.append(f"<h2>The {len(result.worst)} worst errors</h2><table><tr><th>item</th><th>sentence</th>"
                 "<th>gold</th><th>predicted</th></tr>")
    parts += [f"<tr><td>{esc(e.item_id)}</td><td>{esc(e.sentence)}</td><td>{esc(e.gold)}</td>"
              f"<td>{esc(e.predicted)}</td></tr>" for e in result.worst]
    parts.append("</table>")
    return "\n".join(parts) + "\n"
