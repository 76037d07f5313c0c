"""The support team's HTML page: activity, unanswered rate, satisfaction, top subjects and the
items most often rated badly. Charts are matplotlib PNGs embedded in the page (one file to mail).
"""

from __future__ import annotations

import base64
import io
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List, Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from jinja2 import Environment  # noqa: E402

from feedback_analytics.analysis import Subject  # noqa: E402
from feedback_analytics.extraction import LOW_RATING, Extraction, day_of  # noqa: E402

TOP_SUBJECTS = 15
TOP_ITEMS = 15

TEMPLATE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>IZIA — retours des utilisateurs</title>
<style>body{font-family:Marianne,Arial,sans-serif;max-width:1100px;margin:auto;padding:1em}
img{max-width:100%}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px;vertical-align:top}
.nc{color:#b34000}</style></head><body>
<h1>IZIA — ce que disent les conversations</h1>
<p>{{ conversations }} conversations du {{ first_day }} au {{ last_day }} ; {{ signals }} messages à examiner ;
{{ unanswered }} conversations avec au moins un message non compris ({{ unanswered_rate }} %).</p>
{% for title, image in charts %}<h2>{{ title }}</h2><img alt="{{ title }}" src="data:image/png;base64,{{ image }}">{% endfor %}
<h2>Principaux sujets</h2>
<table><tr><th>sujet</th><th>messages</th><th>termes</th><th>exemples</th><th>décision proposée</th></tr>
{% for s in subjects %}<tr><td>{{ s.id }}</td><td>{{ s.count }}</td><td>{{ s.terms|join(", ") }}</td>
<td>{% for e in s.examples %}« {{ e }} »<br>{% endfor %}</td>
<td>{% if s.covered %}reformulations de <b>{{ s.target }}</b> (similarité {{ s.similarity }}){% else %}<span class="nc">sujet non couvert : nouvelle fiche</span> (fiche la plus proche : {{ s.target }}, {{ s.similarity }}){% endif %}</td></tr>{% endfor %}
</table>
<h2>Fiches les plus souvent mal notées</h2>
<table><tr><th>fiche</th><th>notes ≤ {{ low }} ★</th><th>« ne résout pas mon problème »</th><th>commentaires</th></tr>
{% for row in bad_items %}<tr><td>{{ row.item }}</td><td>{{ row.low }}</td><td>{{ row.down }}</td><td>{% for c in row.comments %}« {{ c }} »<br>{% endfor %}</td></tr>{% endfor %}
</table></body></html>"""


def _png(figure: "plt.Figure") -> str:
    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=90)
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _bars(labels: Sequence[str], values: Sequence[float], ylabel: str, horizontal: bool = False) -> str:
    figure, axes = plt.subplots(figsize=(10, 4 if not horizontal else max(3, 0.35 * len(labels))))
    if horizontal:
        axes.barh(list(labels), list(values), color="#000091")
        axes.invert_yaxis()
        axes.set_xlabel(ylabel)
    else:
        axes.bar(list(labels), list(values), color="#000091")
        axes.set_ylabel(ylabel)
        axes.tick_params(axis="x", rotation=60, labelsize=7)
    return _png(figure)


def build_report(extraction: Extraction, subjects: Sequence[Subject], path: Path) -> Path:
    conversations = extraction.conversations
    per_day = Counter(day_of(c.started) for c in conversations if c.started)
    days = sorted(per_day)
    per_domain = Counter(c.domain for c in conversations)
    unanswered_domain = Counter(c.domain for c in conversations if c.unanswered)
    domains = [d for d, _ in per_domain.most_common()]
    stars = [r for r in extraction.ratings if r.kind == "rating" and r.rating is not None]
    star_counts = Counter(r.rating for r in stars)
    trend: Dict[str, List[int]] = defaultdict(list)
    for rating in stars:
        trend[day_of(rating.timestamp)].append(int(rating.rating or 0))
    charts = [
        ("Conversations par jour", _bars(days, [per_day[d] for d in days], "conversations")),
        (
            "Conversations par domaine",
            _bars(domains, [per_domain[d] for d in domains], "conversations", horizontal=True),
        ),
        (
            "Taux de messages non compris par domaine (%)",
            _bars(
                domains,
                [100 * unanswered_domain[d] / per_domain[d] for d in domains],
                "% des conversations",
                horizontal=True,
            ),
        ),
        (
            "Répartition des notes",
            _bars([f"{n} ★" for n in range(1, 6)], [star_counts[n] for n in range(1, 6)], "notes"),
        ),
    ]
    if trend:
        figure, axes = plt.subplots(figsize=(10, 3.5))
        trend_days = sorted(trend)
        axes.plot(trend_days, [sum(trend[d]) / len(trend[d]) for d in trend_days], marker="o", color="#000091")
        axes.set_ylim(1, 5)
        axes.set_ylabel("note moyenne")
        axes.tick_params(axis="x", rotation=60, labelsize=7)
        charts.append(("Évolution de la satisfaction (note moyenne par jour)", _png(figure)))
    top = [s for s in subjects if s.count >= 2][:TOP_SUBJECTS]
    if top:
        charts.append(
            (
                "Principaux sujets (nombre de messages)",
                _bars(
                    [f"{s.id} {' '.join(s.terms[:2])}" for s in top],
                    [s.count for s in top],
                    "messages",
                    horizontal=True,
                ),
            )
        )
    bad: Dict[str, Dict[str, object]] = {}
    for rating in extraction.ratings:
        is_low = rating.kind == "rating" and rating.rating is not None and rating.rating <= LOW_RATING
        if not rating.item_id or not (is_low or rating.kind == "answer_down"):
            continue
        row = bad.setdefault(rating.item_id, {"item": rating.item_id, "low": 0, "down": 0, "comments": []})
        row["low" if is_low else "down"] = int(row["low" if is_low else "down"]) + 1  # type: ignore[call-overload]
        if rating.comment and len(row["comments"]) < 3:  # type: ignore[arg-type]
            row["comments"].append(rating.comment)  # type: ignore[attr-defined]
    bad_items = sorted(bad.values(), key=lambda r: -(int(r["low"]) + int(r["down"])))[:TOP_ITEMS]  # type: ignore[call-overload]
    unanswered = sum(1 for c in conversations if c.unanswered)
    html = (
        Environment(autoescape=True)
        .from_string(TEMPLATE)
        .render(
            conversations=len(conversations),
            first_day=days[0] if days else "-",
            last_day=days[-1] if days else "-",
            signals=len(extraction.signals),
            unanswered=unanswered,
            unanswered_rate=round(100 * unanswered / len(conversations), 1) if conversations else 0,
            charts=charts,
            subjects=top,
            bad_items=bad_items,
            low=LOW_RATING,
        )
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path
