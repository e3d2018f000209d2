"""`openqms demo`: load the demo trust once, and make sure its demo logins work."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from openqms.assurance.models import AuditRun, RunStatus
from openqms.console import progress_bar, stdout_console
from openqms.demo import (
    assurance_demo,
    control_data,
    evaluation_demo,
    improvement_demo,
    method_projects,
    planning_demo,
    planning_needs_demo,
    reporting_demo,
    services,
    strategy_demo,
)
from openqms.demo.generator import DEFAULT_SEED, plan_demo
from openqms.demo.selectors import demo_organisation
from openqms.evaluation.models import SelfAssessment
from openqms.improvement.models import Project


class Command(BaseCommand):
    help = (
        "Load the demo NHS trust (units, people, roles, measures with three years of data, huddles "
        "and escalations) unless it is already loaded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=(
                "Seed for names, structure and data; the same seed on the same day gives the same "
                f"trust ({DEFAULT_SEED})."
            ),
        )

    def handle(self, *args: Any, seed: int, **options: Any) -> None:
        existing = demo_organisation()
        if existing is not None:
            services.ensure_demo_logins()
            if strategy_demo.load(existing):
                self.stdout.write("Added the strategy 2025–2028 with its goals and priorities.")
            # A demo loaded before the improvement projects existed gets them now (once).
            added = improvement_demo.load(existing, timezone.localdate())
            self.stdout.write("The demo organisation is already loaded.")
            if added:
                self.stdout.write(f"Added {added} improvement projects.")
            # And the projects following DMAIC and the A3, with the methods offered (once).
            by_method = method_projects.load(existing, timezone.localdate())
            if by_method:
                self.stdout.write(f"Added {by_method} DMAIC and A3 projects.")
            # And its assurance: frameworks, standards, a year of audits and their actions (once).
            audits = assurance_demo.load(existing, timezone.localdate())
            if audits:
                self.stdout.write(f"Added assurance: {audits} completed audits over the last year.")
            # And its feedback, needs register and service models (once).
            if planning_needs_demo.load(existing, timezone.localdate()):
                self.stdout.write("Added feedback, needs and two service models.")
            # And its annual quality plans: last year's, this year's and next year's (once).
            plans = planning_demo.load(existing, timezone.localdate())
            if plans:
                self.stdout.write(f"Added {plans} annual quality plans.")
            # And its QMS maturity self-assessments, last year's and this year's (once).
            assessments = evaluation_demo.load(existing, timezone.localdate())
            if assessments:
                self.stdout.write(f"Added {assessments} QMS maturity self-assessments.")
            # And its reports: three months published, this month in draft (once).
            reports = reporting_demo.load(existing, timezone.localdate())
            if reports:
                self.stdout.write(f"Added {reports} published reports and this month's drafts.")
            return

        console = stdout_console(self.stdout)
        # One day for every date in the demo, even if loading runs past midnight.
        today = timezone.localdate()
        demo = control_data.plan_control_demo(plan=plan_demo(seed=seed, today=today), seed=seed, today=today)
        plan, control = demo.plan, demo.control
        started = time.perf_counter()
        with progress_bar("Loading the demo trust: {task.description:<24}", console=console) as progress:
            task = progress.add_task("", total=services.steps_in(plan) + demo.steps())

            def advance(stage: str, n: int) -> None:
                progress.update(task, description=stage, advance=n)

            organisation = control_data.load_demo_trust(demo=demo, progress=advance)
        projects = Project.objects.filter(unit__organisation=organisation).count()
        self.stdout.write(
            f"Loaded {organisation.name} ({organisation.code}): {len(plan.units) + 1} units, "
            f"{len(plan.people)} people and {len(plan.roles)} roles; {len(control.series)} measures of "
            f"{len(control.definitions)} kinds with {control.points:,} data points, and "
            f"{len(demo.huddles)} huddles, and {projects} improvement projects, in "
            f"{time.perf_counter() - started:.1f} s."
        )
        audits = AuditRun.objects.filter(unit__organisation=organisation, status=RunStatus.COMPLETED).count()
        self.stdout.write(f"Assurance: two frameworks, the trust's standards and {audits} completed audits.")
        self.stdout.write(
            "Reports: the trust's and Medicine's last three months published, this month's in draft."
        )
        assessments = SelfAssessment.objects.filter(unit__organisation=organisation).count()
        self.stdout.write(
            f"Evaluation: {assessments} QMS maturity self-assessments, last year's and this year's."
        )
        self.stdout.write("`openqms demo-logins` lists the demo logins.")
