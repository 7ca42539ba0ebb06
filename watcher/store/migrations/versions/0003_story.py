"""Story tracking: term index, proposals for review, facts carried by notices.

``deadline_terms`` indexes what each deadline is about; ``proposals`` holds changes waiting
for `watcher review`; ``alerts.detail`` is what a notice carries itself (a move's previous
date, the sentence that caused it).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("alerts") as batch:
        batch.add_column(sa.Column("detail", sa.JSON(), nullable=True))
    op.create_table(
        "deadline_terms",
        sa.Column("deadline_id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["deadline_id"], ["deadlines.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("deadline_id", "term"),
    )
    op.create_index("ix_deadline_terms_term", "deadline_terms", ["term"])
    op.create_table(
        "proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("deadline_id", sa.Integer(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("span", sa.String(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["deadline_id"], ["deadlines.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_proposals_state", "proposals", ["state"])


def downgrade() -> None:
    op.drop_index("ix_proposals_state", table_name="proposals")
    op.drop_table("proposals")
    op.drop_index("ix_deadline_terms_term", table_name="deadline_terms")
    op.drop_table("deadline_terms")
    with op.batch_alter_table("alerts") as batch:
        batch.drop_column("detail")
