"""The certificate half of the review station: unlock the key once a session, issue, print
(original, then copies marked 副本/COPY), batch print, void and void-and-reissue. Held by
``ReviewScreen`` as ``certificate_actions``; every signature, PDF and query runs through ``Op``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from app.core.errors import TWError
from app.ui.ops import Op, error_text
from app.ui.review.dialogs import KeyDialog, ReasonDialog
from app.ui.review.printing import rasterise

if TYPE_CHECKING:
    from app.ui.review.screen import ReviewScreen

KEY_GONE = frozenset({"key_not_current", "key_expired"})  # the session's unlocked key may not sign any more


class CertificateActions(QObject):
    """Holds the signing key unlocked for the session (``issuer``) and acts on the screen's
    open dossier: reads its current item and certificate list, answers on its status line and
    opens its dialogs."""

    def __init__(self, screen: ReviewScreen) -> None:
        super().__init__(screen)
        self.screen = screen
        self.issuer: Any = None  # CertificateIssuer, unlocked for this session

    def forget_key(self) -> None:
        """The unlocked key is dropped: the next signature asks for the passphrase again."""
        self.issuer = None

    def with_issuer(self, then: Callable[[], object]) -> None:
        """Run ``then`` with the signing key unlocked, asking for the passphrase once a session."""
        if self.issuer is not None:
            then()
            return
        certs = self.screen.ui.station.certificates
        over = self.screen.dialog if self.screen.dialog is not None and self.screen.dialog.isVisible() else self.screen
        dialog = KeyDialog(create=not certs.has_key(), parent=over)
        dialog.setObjectName("keyDialog")

        def unlocked(issuer: Any) -> None:
            self.issuer = issuer
            dialog.accept()
            then()

        def submit(passphrase: str) -> None:
            fn = certs.generate_key if dialog.creating else certs.unlock
            Op(self, fn, self.screen.ui.actor, passphrase, kind="db").success(unlocked).failure(
                lambda e: dialog.show_error(error_text(e, self.screen.ui.lang))
            ).run()

        dialog.submitted.connect(submit)
        self.screen.open_dialog(dialog)

    def issue(self) -> None:
        if self.screen.current is None:
            return
        tag = self.screen.current.item.tag

        def run() -> None:
            self.screen.say(self.tr("Signing the certificate…"))
            Op(
                self, self.screen.ui.station.certificates.issue, self.screen.ui.actor, tag, self.issuer, kind="db"
            ).success(
                lambda c: self.screen.reopen(self.tr("Certificate %1 issued").replace("%1", c.certificate_no))
            ).failure(self.screen.fail).run()

        self.with_issuer(run)

    def print_current(self) -> None:
        cert = self.screen.valid_certificate()
        if cert is None:
            return
        st, actor = self.screen.ui.station, self.screen.ui.actor

        def make() -> tuple[Any, list[Any]]:
            doc = st.certificates.prepare_print(actor, cert.certificate_no, self.issuer)
            return doc, rasterise(doc.pdf)

        def shown(result: tuple[Any, list[Any]]) -> None:
            doc, pages = result
            label = self.tr("Copy (副本 / COPY) of %1") if doc.copy else self.tr("Original of %1")
            self.screen.say(label.replace("%1", doc.certificate_no), "ok")
            # Only an accepted print job counts; closing the preview leaves the original unused.
            self.screen.printing.show_preview(
                pages, label.replace("%1", doc.certificate_no), lambda: self._printed([doc])
            )

        def failed(error: BaseException) -> None:
            if isinstance(error, TWError) and error.code == "key_locked":
                self.with_issuer(self.print_current)  # a copy is signed: unlock, then again
            else:
                self.screen.fail(error)

        self.screen.say(self.tr("Preparing the print…"))
        Op(self, make, kind="io").success(shown).failure(failed).run()

    def _printed(self, docs: list[Any], then: Callable[[], None] | None = None) -> None:
        """The printer accepted these documents: count them (the original is used up now)."""
        st, actor = self.screen.ui.station, self.screen.ui.actor

        def record() -> int:
            for doc in docs:
                st.certificates.record_print(actor, doc)
            return len(docs)

        def recorded(n: int) -> None:
            if then is not None:
                then()
            elif docs:
                self.screen.reopen(self.tr("%1 printed").replace("%1", docs[0].certificate_no))

        Op(self, record).success(recorded).failure(self.screen.fail).run()

    def void(self) -> None:
        cert = self.screen.valid_certificate()
        if cert is None:
            return
        no, certs = cert.certificate_no, self.screen.ui.station.certificates
        dialog = ReasonDialog(
            self.tr("Void certificate %1").replace("%1", no),
            self.tr("Why is this certificate void? (required)"),
            self.screen,
            reissue_option=True,
        )
        dialog.setObjectName("voidDialog")

        def done(view: Any) -> None:
            dialog.accept()
            self.screen.reopen(
                self.tr("%1 voided").replace("%1", no)
                if view.certificate_no == no
                else self.tr("%1 voided and replaced by %2").replace("%1", no).replace("%2", view.certificate_no)
            )

        def submit(reason: str, reissue: bool) -> None:
            fail = lambda e: dialog.show_error(error_text(e, self.screen.ui.lang))  # noqa: E731
            if not reissue:
                Op(self, certs.void, self.screen.ui.actor, no, reason).success(done).failure(fail).run()
                return
            self.with_issuer(
                lambda: (
                    Op(self, certs.void_and_reissue, self.screen.ui.actor, no, reason, self.issuer, kind="db")
                    .success(done)
                    .failure(fail)
                    .run()
                )
            )
            if self.issuer is None:
                dialog.show_error(self.tr("Unlock the signing key to issue the replacement."))

        dialog.submitted.connect(submit)
        self.screen.open_dialog(dialog)

    def print_selected(self) -> None:
        rows = sorted({i.row() for i in self.screen.certs_table.selectedIndexes()})
        numbers = [it.text() for r in rows if (it := self.screen.certs_table.item(r, 0)) is not None]
        if not numbers:
            self.screen.say(self.tr("Select the certificates to print in the list."), "warn")
            return
        st, actor = self.screen.ui.station, self.screen.ui.actor

        def done(printed: list[Any], failed: list[str]) -> None:
            def report() -> None:
                text = (
                    self.tr("%1 of %2 certificates printed")
                    .replace("%1", str(len(printed)))
                    .replace("%2", str(len(numbers)))
                )
                self.screen.say("\n".join([text, *failed]), "warn" if failed or len(printed) < len(numbers) else "ok")

            self._printed(printed, report)

        self.screen.printing.print_batch(
            numbers, lambda no: st.certificates.prepare_print(actor, no, self.issuer), done
        )
