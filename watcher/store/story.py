"""Story tracking's reads and writes: the records an article may be about, and applying
what it says (new, moved, called off, confirmed, done) or keeping it as a proposal.

Everything for one article happens in the caller's one write transaction, so an article
is applied whole or not at all. Every change records the article and sentence that caused
it and a snapshot of the record before, which is what `watcher undo` restores.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, func, insert, or_
from sqlmodel import Session, col, select

from watcher.core.leads import Lead
from watcher.core.planning import Due
from watcher.core.zones import get_zone
from watcher.errors import NotFoundError, UsageError
from watcher.extract.model import TemporalMention
from watcher.store.models import (
    AlertKind,
    Deadline,
    DeadlineStatus,
    DeadlineTerm,
    HistoryEntry,
    Proposal,
    ProposalState,
    Source,
)
from watcher.store.repository import DeadlineDraft, Store, due_of, snapshot
from watcher.story.plan import Act, Action, Known, plan_article, weights
from watcher.story.statements import read_statements
from watcher.story.terms import terms as terms_of

CANDIDATES = 40  # records fetched by shared terms, per article
COMMON = 500  # a term more records have than this does not help find a record
UNDOABLE = frozenset({"created", "edited", "moved", "called off", "done", "cancelled", "reopened"})


@dataclass(frozen=True)
class NewRecord:
    """How a record the news creates is set up: alerts, routing, tags."""

    timezone: str
    leads: Sequence[Lead]
    channels: Sequence[str]
    tags: Sequence[str] = ("extracted",)


@dataclass(frozen=True)
class Applied:
    """One line of the report: what was done (or proposed) to which record."""

    act: str  # NEW, MOVED, CALLED OFF, CONFIRMED, DONE, NEEDS REVIEW
    deadline_id: int | None
    title: str
    date: str  # the record's date after the action
    old_date: str = ""
    sentence: str = ""
    proposal_id: int | None = None
    reason: str = ""


@dataclass(frozen=True)
class ArticleFacts:
    """An article as story tracking needs it; ``published`` is its local day."""

    location: str
    text: str
    published: dt.date
    content_hash: str
    title: str = ""
    publisher: str = ""
    published_as: str = ""  # the publication date or date-time as the article gives it


@dataclass
class Evidence:
    """Where a change was read: the stored article and its sentence."""

    source: Source
    sentence: str
    span: str = ""
    start: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def changes(self) -> dict[str, Any]:
        return {
            "source": [None, self.source.location],
            "source_title": [None, self.source.title],
            "sentence": [None, self.sentence],
        }


def local_day(published: dt.date | dt.datetime, zone: str) -> dt.date:
    """The day an article was published, in its zone."""
    if isinstance(published, dt.datetime):
        if published.tzinfo is None:
            return published.date()
        return published.astimezone(get_zone(zone)).date()
    return published


def due_from_iso(value: str, zone: str) -> Due:
    """A Due from an ISO date (all day) or date-time with offset, kept in ``zone``."""
    if "T" in value:
        return Due(at=dt.datetime.fromisoformat(value).astimezone(dt.UTC), timezone=zone)
    return Due.for_date(dt.date.fromisoformat(value), zone)


class StoryStore:
    """The queries and writes of story tracking, on top of the repository."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- reading ------------------------------------------------------------------------

    def known_for(
        self, session: Session, wanted: Iterable[str], days: Iterable[dt.date], zone: str
    ) -> tuple[list[Known], dict[str, int]]:
        """The records an article may be about (sharing its terms, or on one of its days)
        and how many records use each of its terms."""
        wanted = sorted(set(wanted))
        ids: set[int] = set()
        frequency: dict[str, int] = {}
        if wanted:
            rows = session.exec(
                select(DeadlineTerm.term, func.count())
                .where(col(DeadlineTerm.term).in_(wanted))
                .group_by(col(DeadlineTerm.term))
            ).all()
            frequency = {term: int(n) for term, n in rows}
            # retrieval uses the words that tell records apart; all count in the scoring
            telling = [t for t in wanted if frequency.get(t, 0) <= COMMON] or wanted
            shared = func.count().label("shared")
            best = session.exec(
                select(DeadlineTerm.deadline_id)
                .join(Deadline, col(Deadline.id) == col(DeadlineTerm.deadline_id))
                .where(col(DeadlineTerm.term).in_(telling))
                # a called-off event may come back ("rescheduled for Feb. 12")
                .where(col(Deadline.status).in_([DeadlineStatus.ACTIVE, DeadlineStatus.CANCELLED]))
                .group_by(col(DeadlineTerm.deadline_id))
                .order_by(shared.desc())
                .limit(CANDIDATES)
            ).all()
            ids.update(int(i) for i in best)
            windows = []
            for day in set(days):
                start = Due.for_date(day, zone).at - timedelta(days=1)
                windows.append(
                    (col(Deadline.due_at) >= start)
                    & (col(Deadline.due_at) < start + timedelta(days=3))
                )
            if windows:
                # the live records on one of the days, sharing terms or not ("remains
                # scheduled for Feb. 26" names none of the sentencing's words); the index
                # on due_at keeps this a range scan
                on_days = session.exec(
                    select(Deadline.id)
                    .where(col(Deadline.status) == DeadlineStatus.ACTIVE)
                    .where(or_(*windows))
                    .order_by(col(Deadline.due_at))
                    .limit(CANDIDATES)
                ).all()
                ids.update(int(i) for i in on_days if i is not None)
        if not ids:
            return [], frequency
        deadlines = session.exec(select(Deadline).where(col(Deadline.id).in_(sorted(ids)))).all()
        by_id: dict[int, set[str]] = {i: set() for i in ids}
        for deadline_id, term in session.exec(
            select(DeadlineTerm.deadline_id, DeadlineTerm.term).where(
                col(DeadlineTerm.deadline_id).in_(sorted(ids))
            )
        ).all():
            by_id[deadline_id].add(term)
        known = []
        for d in deadlines:
            assert d.id is not None
            due = due_of(d)
            known.append(
                Known(
                    id=d.id,
                    title=d.title,
                    kind=d.kind,
                    day=due.local_date,
                    status=d.status,
                    terms=frozenset(by_id[d.id]),
                    date="" if d.all_day else due.local.isoformat(),
                )
            )
        return known, frequency

    def track(
        self,
        article: ArticleFacts,
        mentions: Sequence[TemporalMention],
        defaults: NewRecord,
        *,
        min_confidence: float,
        ask: Callable[[Action], Action | None] | None = None,
    ) -> list[Applied] | None:
        """Read one article into the store in one transaction: what it says is applied
        (or proposed). None if this very text was read before (nothing changes)."""
        with self.store.write() as session:
            return self.track_in(
                session, article, mentions, defaults, min_confidence=min_confidence, ask=ask
            )

    def track_in(
        self,
        session: Session,
        article: ArticleFacts,
        mentions: Sequence[TemporalMention],
        defaults: NewRecord,
        *,
        min_confidence: float,
        ask: Callable[[Action], Action | None] | None = None,
        review_all: bool = False,
    ) -> list[Applied] | None:
        """`track` inside the caller's transaction (a poller records the article as read in
        the same one). ``review_all`` keeps every change as a proposal for review."""
        if self.store.source_by_hash(session, article.content_hash) is not None:
            return None
        source = self.store.add_source(
            session,
            location=article.location,
            content_hash=article.content_hash,
            title=article.title,
            publisher=article.publisher,
            published=article.published_as or article.published.isoformat(),
            text=article.text,
        )
        actions = self.plan(
            session,
            article.text,
            mentions,
            article.published,
            defaults.timezone,
            min_confidence=min_confidence,
            headline=article.title,
        )
        if review_all:
            actions = [
                replace(
                    a, confident=False, reason=a.reason or "this source's findings are reviewed"
                )
                if a.act != Act.CONFIRMED
                else a
                for a in actions
            ]
        if ask is not None:
            actions = [a for a in (ask(a) for a in actions) if a is not None]
        return self.apply(session, actions, source, defaults)

    def plan(
        self,
        session: Session,
        text: str,
        mentions: Sequence[TemporalMention],
        published: dt.date,
        zone: str,
        *,
        min_confidence: float,
        headline: str = "",
    ) -> list[Action]:
        """What an article says, read against the records it may be about."""
        body = f"{headline}.\n\n{text}" if headline and headline not in text[:400] else text
        offset = len(body) - len(text)
        if offset:
            mentions = [replace(m, start=m.start + offset, end=m.end + offset) for m in mentions]
        statements = read_statements(
            body, mentions, published, min_confidence=min_confidence, headline=headline
        )
        wanted = set().union(*(s.terms for s in statements)) if statements else set()
        days = {
            dt.date.fromisoformat(v[:10])
            for s in statements
            for v in (s.date, s.old_date)
            if v is not None
        }
        known, frequency = self.known_for(session, wanted, days, zone)
        return plan_article(statements, known, weights(frequency), published)

    # -- writing ------------------------------------------------------------------------

    def index(self, session: Session, deadline_id: int, terms: Iterable[str]) -> None:
        """Add terms to what a record is about (idempotent)."""
        have = set(
            session.exec(
                select(DeadlineTerm.term).where(DeadlineTerm.deadline_id == deadline_id)
            ).all()
        )
        new = sorted(set(terms) - have)
        if new:
            session.execute(
                insert(DeadlineTerm), [{"deadline_id": deadline_id, "term": t} for t in new]
            )

    def apply(
        self,
        session: Session,
        actions: Sequence[Action],
        source: Source,
        defaults: NewRecord,
        *,
        apply_unsure: bool = False,
    ) -> list[Applied]:
        """Apply the confident actions (all of them with ``apply_unsure``) and keep the
        others as proposals; one report line each."""
        made: dict[int, int] = {}  # index of a NEW action -> the id it created
        report: list[Applied] = []
        for index, action in enumerate(actions):
            target = action.target
            if action.new_ref is not None:
                target = made.get(action.new_ref)
                if target is None:
                    continue  # about a record this article only proposed
            evidence = Evidence(
                source, action.statement.sentence, action.statement.span, action.statement.start
            )
            if not (action.confident or apply_unsure):
                report.append(self._propose(session, action, target, source, defaults))
                continue
            line = self.carry_out(session, action.act, target, action, evidence, defaults)
            if action.act == Act.NEW and line.deadline_id is not None:
                made[index] = line.deadline_id
            report.append(line)
        return report

    def carry_out(
        self,
        session: Session,
        act: Act,
        target: int | None,
        action: Action,
        evidence: Evidence,
        defaults: NewRecord,
    ) -> Applied:
        """Do one action to the store, with its evidence."""
        store = self.store
        now = store.now()
        statement_terms = action.statement.terms
        if act == Act.NEW:
            assert action.date is not None
            due = due_from_iso(action.date, defaults.timezone)
            deadline = store.add_deadline(
                DeadlineDraft(
                    title=action.title or action.statement.sentence[:60],
                    due=due,
                    leads=list(defaults.leads),
                    channels=list(defaults.channels),
                    kind=action.kind or "deadline",
                    tags=list(defaults.tags),
                    notes=f"From {evidence.source.location}",
                ),
                session,
            )
            assert deadline.id is not None
            self._mention(session, deadline, evidence, statement_terms)
            return Applied(
                "NEW", deadline.id, deadline.title, _day_text(deadline), sentence=evidence.sentence
            )
        assert target is not None
        deadline = store.locked(session, target)
        old = _day_text(deadline)
        if act == Act.CONFIRMED:
            # a headline sums up the story ("drivers and engineers vote"): its words do not
            # say what this one record is about
            kept = () if action.statement.in_headline else statement_terms
            self._mention(session, deadline, evidence, kept)
            return Applied("CONFIRMED", target, deadline.title, old, sentence=evidence.sentence)
        before = snapshot(deadline)
        if act == Act.MOVED:
            assert action.date is not None
            due = due_from_iso(action.date, deadline.timezone)
            if deadline.status == DeadlineStatus.CANCELLED:  # called off, now given a date
                store.change_status(
                    session, deadline, DeadlineStatus.ACTIVE, now, action="rescheduled"
                )
            store.move(
                session, deadline, due, now, {**evidence.changes(), "before": [before, None]}
            )
            self._mention(session, deadline, evidence, statement_terms)
            return Applied(
                "MOVED", target, deadline.title, _day_text(deadline), old, evidence.sentence
            )
        status = DeadlineStatus.CANCELLED if act == Act.CALLED_OFF else DeadlineStatus.DONE
        store.change_status(
            session,
            deadline,
            status,
            now,
            action="called off" if act == Act.CALLED_OFF else "done",
            extra={**evidence.changes(), "before": [before, None]},
        )
        if act == Act.CALLED_OFF:
            store.announce(
                session,
                deadline,
                AlertKind.CALLED_OFF,
                now,
                {
                    "sentence": evidence.sentence,
                    "source": evidence.source.location,
                    "source_title": evidence.source.title,
                },
            )
        self._mention(session, deadline, evidence, statement_terms)
        label = "CALLED OFF" if act == Act.CALLED_OFF else "DONE"
        return Applied(label, target, deadline.title, old, sentence=evidence.sentence)

    def _mention(
        self,
        session: Session,
        deadline: Deadline,
        evidence: Evidence,
        statement_terms: Iterable[str],
    ) -> None:
        assert deadline.id is not None
        self.store.add_mention(
            session,
            deadline,
            evidence.source,
            sentence=evidence.sentence,
            span=evidence.span,
            start=evidence.start,
        )
        self.index(session, deadline.id, set(statement_terms) | terms_of(deadline.title))

    def _propose(
        self,
        session: Session,
        action: Action,
        target: int | None,
        source: Source,
        defaults: NewRecord,
    ) -> Applied:
        payload = {
            "title": action.title,
            "kind": action.kind,
            "date": action.date,
            "timezone": defaults.timezone,
            "terms": sorted(action.statement.terms),
        }
        proposal = Proposal(
            action=str(action.act),
            deadline_id=target,
            source_id=source.id,
            sentence=action.statement.sentence,
            span=action.statement.span,
            start=action.statement.start,
            payload=payload,
            reason=action.reason,
            created_at=self.store.now(),
        )
        session.add(proposal)
        session.flush()
        date = (
            action.date[:10]
            if action.date
            else (action.old_day.isoformat() if action.old_day else "")
        )
        return Applied(
            "NEEDS REVIEW",
            target,
            action.title,
            date,
            sentence=action.statement.sentence,
            proposal_id=proposal.id,
            reason=f"{action.act}: {action.reason}".strip(": "),
        )

    # -- review -------------------------------------------------------------------------

    def proposals(self, *, pending_only: bool = True) -> list[tuple[Proposal, Source | None]]:
        with self.store.session() as session:
            query = select(Proposal).order_by(col(Proposal.id))
            if pending_only:
                query = query.where(Proposal.state == ProposalState.PENDING)
            rows = session.exec(query).all()
            return [(p, session.get(Source, p.source_id) if p.source_id else None) for p in rows]

    def decide(
        self,
        proposal_id: int,
        accept: bool,
        defaults: NewRecord,
        *,
        date: str | None = None,
        title: str | None = None,
    ) -> Applied | None:
        """Accept (optionally with another date or title) or reject a pending proposal."""
        with self.store.write() as session:
            proposal = session.get(Proposal, proposal_id, with_for_update=True)
            if proposal is None:
                raise NotFoundError(f"no proposal with id {proposal_id}: see `watcher review`")
            if proposal.state != ProposalState.PENDING:
                raise UsageError(f"proposal {proposal_id} is already {proposal.state}")
            proposal.state = ProposalState.ACCEPTED if accept else ProposalState.REJECTED
            proposal.decided_at = self.store.now()
            session.add(proposal)
            if not accept:
                return None
            act = Act(proposal.action)
            payload = dict(proposal.payload)
            if date is not None:
                payload["date"] = date
            if title is not None:
                payload["title"] = title
            if act in {Act.NEW, Act.MOVED} and not payload.get("date"):
                raise UsageError(f"proposal {proposal_id} has no date: accept it with --when DATE")
            source = session.get(Source, proposal.source_id) if proposal.source_id else None
            if source is None:
                raise NotFoundError(f"the article of proposal {proposal_id} is gone")
            from watcher.story.statements import Statement, Verb

            statement = Statement(
                verb=Verb.SCHEDULED,
                sentence=proposal.sentence,
                start=proposal.start,
                span=proposal.span,
                date=payload.get("date"),
                kind=payload.get("kind") or "deadline",
                title=payload.get("title") or "",
                terms=frozenset(payload.get("terms", [])),
                confidence=1.0,
            )
            action = Action(
                act,
                statement,
                target=proposal.deadline_id,
                date=payload.get("date"),
                title=payload.get("title") or "",
                kind=payload.get("kind") or "deadline",
            )
            zone = payload.get("timezone") or defaults.timezone
            defaults = NewRecord(zone, defaults.leads, defaults.channels, defaults.tags)
            evidence = Evidence(source, proposal.sentence, proposal.span, proposal.start)
            line = self.carry_out(session, act, proposal.deadline_id, action, evidence, defaults)
            self.store.bump_change_serial(session)
            return line

    # -- undo ---------------------------------------------------------------------------

    def undo(self, deadline_id: int) -> str:
        """Undo the latest change to a deadline: restore the version before it and its
        alerts. A record the news created is removed. Returns what was undone."""
        with self.store.write() as session:
            deadline = self.store.locked(session, deadline_id)
            entries = session.exec(
                select(HistoryEntry)
                .where(HistoryEntry.deadline_id == deadline_id)
                .order_by(col(HistoryEntry.id).desc())
            ).all()
            undone = {
                e.changes.get("undid", [None, None])[1] for e in entries if e.action == "undone"
            }
            entry = next((e for e in entries if e.action in UNDOABLE and e.id not in undone), None)
            if entry is None:
                raise UsageError(f"deadline {deadline_id} has no change to undo")
            now = self.store.now()
            if entry.action == "created":
                title = deadline.title
                session.execute(
                    delete(DeadlineTerm).where(col(DeadlineTerm.deadline_id) == deadline_id)
                )
                session.execute(delete(Proposal).where(col(Proposal.deadline_id) == deadline_id))
                self.store.delete_rows(session, deadline)
                self.store.bump_change_serial(session)
                return f"removed #{deadline_id} {title} (it was created by that change)"
            before = entry.changes.get("before", [None, None])[0]
            if before is None:  # an edit: its diff holds the old values
                before = {
                    key: value[0] for key, value in entry.changes.items() if isinstance(value, list)
                }
            self.store.restore(session, deadline, before, now, undid=entry.id)
            self.store.bump_change_serial(session)
            now_text = f"{_day_text(deadline)} ({deadline.status})"
            return f"undid '{entry.action}' on #{deadline_id}: now {now_text}"


def _day_text(deadline: Deadline) -> str:
    due = due_of(deadline)
    return due.local_date.isoformat() if due.all_day else due.local.strftime("%Y-%m-%d %H:%M")


__all__ = [
    "Applied",
    "ArticleFacts",
    "Evidence",
    "NewRecord",
    "StoryStore",
    "due_from_iso",
    "local_day",
]
