"""The certificate half of the review station: unlock the key once a session, issue, print
(original, then copies marked 副本/COPY), batch print, void and void-and-reissue. Mixed into
``ReviewScreen``; every signature, PDF and query runs through ``Op``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app.core.errors import TWError
from app.ui.ops import Op, error_text
from app.ui.review.dialogs import KeyDialog, ReasonDialog
from app.ui.review.printing import rasterise

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableWidget

    from app.services.review import Dossier
    from app.ui.review.printing import CertificatePrinting
    from app.ui.screen import StationScreen

    class _Screen(StationScreen):  # what ReviewScreen provides, for the type checker only
        issuer: Any
        dialog: ReasonDialog | KeyDialog | None
        printing: CertificatePrinting
        certs_table: QTableWidget
        current: Dossier | None
        def say(self, text: str, status: str = "") -> None: ...
        def _fail(self, error: BaseException) -> None: ...
        def _reopen(self, message: str) -> None: ...
        def _valid_certificate(self) -> Any: ...
        def _open_dialog(self, dialog: ReasonDialog | KeyDialog) -> None: ...
else:
    _Screen = object  # the mixin sits before StationScreen in ReviewScreen's bases
    # (the declarations stay out of the class body: pyside6-lupdate loses the class's context there)

KEY_GONE = frozenset({"key_not_current", "key_expired"})  # the session's unlocked key may not sign any more


class CertificateActions(_Screen):
    """Expects ``ui``, ``issuer``, ``dialog``, ``printing``, ``certs_table``, ``say``, ``_fail``,
    ``_reopen``, ``_valid_certificate``, ``_open_dialog`` and ``tr`` from the screen."""

    def with_issuer(self, then: Callable[[], object]) -> None:
        """Run ``then`` with the signing key unlocked, asking for the passphrase once a session."""
        if self.issuer is not None:
            then()
            return
        certs = self.ui.station.certificates
        over = self.dialog if self.dialog is not None and self.dialog.isVisible() else self
        dialog = KeyDialog(create=not certs.has_key(), parent=over)
        dialog.setObjectName("keyDialog")

        def unlocked(issuer: Any) -> None:
            self.issuer = issuer
            dialog.accept()
            then()

        def submit(passphrase: str) -> None:
            fn = certs.generate_key if dialog.creating else certs.unlock
            Op(self, fn, self.ui.actor, passphrase, kind="db").success(unlocked).failure(
                lambda e: dialog.show_error(error_text(e, self.ui.lang))).run()

        dialog.submitted.connect(submit)
        self._open_dialog(dialog)

    def issue(self) -> None:
        if self.current is None:
            return
        tag = self.current.item.tag

        def run() -> None:
            self.say(self.tr("Signing the certificate…"))
            Op(self, self.ui.station.certificates.issue, self.ui.actor, tag, self.issuer, kind="db").success(
                lambda c: self._reopen(self.tr("Certificate %1 issued").replace("%1", c.certificate_no))
            ).failure(self._fail).run()

        self.with_issuer(run)

    def print_current(self) -> None:
        cert = self._valid_certificate()
        if cert is None:
            return
        st, actor = self.ui.station, self.ui.actor

        def make() -> tuple[Any, list[Any]]:
            doc = st.certificates.prepare_print(actor, cert.certificate_no, self.issuer)
            return doc, rasterise(doc.pdf)

        def shown(result: tuple[Any, list[Any]]) -> None:
            doc, pages = result
            label = self.tr("Copy (副本 / COPY) of %1") if doc.copy else self.tr("Original of %1")
            self.say(label.replace("%1", doc.certificate_no), "ok")
            # Only an accepted print job counts; closing the preview leaves the original unused.
            self.printing.show_preview(pages, label.replace("%1", doc.certificate_no), lambda: self._printed([doc]))

        def failed(error: BaseException) -> None:
            if isinstance(error, TWError) and error.code == "key_locked":
                self.with_issuer(self.print_current)  # a copy is signed: unlock, then again
            else:
                self._fail(error)

        self.say(self.tr("Preparing the print…"))
        Op(self, make, kind="io").success(shown).failure(failed).run()

    def _printed(self, docs: list[Any], then: Callable[[], None] | None = None) -> None:
        """The printer accepted these documents: count them (the original is used up now)."""
        st, actor = self.ui.station, self.ui.actor

        def record() -> int:
            for doc in docs:
                st.certificates.record_print(actor, doc)
            return len(docs)

        def recorded(n: int) -> None:
            if then is not None:
                then()
            elif docs:
                self._reopen(self.tr("%1 printed").replace("%1", docs[0].certificate_no))

        Op(self, record).success(recorded).failure(self._fail).run()

    def void(self) -> None:
        cert = self._valid_certificate()
        if cert is None:
            return
        no, certs = cert.certificate_no, self.ui.station.certificates
        dialog = ReasonDialog(self.tr("Void certificate %1").replace("%1", no),
                              self.tr("Why is this certificate void? (required)"), self, reissue_option=True)
        dialog.setObjectName("voidDialog")

        def done(view: Any) -> None:
            dialog.accept()
            self._reopen(self.tr("%1 voided").replace("%1", no) if view.certificate_no == no else
                         self.tr("%1 voided and replaced by %2").replace("%1", no).replace("%2", view.certificate_no))

        def submit(reason: str, reissue: bool) -> None:
            fail = lambda e: dialog.show_error(error_text(e, self.ui.lang))  # noqa: E731
            if not reissue:
                Op(self, certs.void, self.ui.actor, no, reason).success(done).failure(fail).run()
                return
            self.with_issuer(lambda: Op(self, certs.void_and_reissue, self.ui.actor, no, reason, self.issuer,
                                        kind="db").success(done).failure(fail).run())
            if self.issuer is None:
                dialog.show_error(self.tr("Unlock the signing key to issue the replacement."))

        dialog.submitted.connect(submit)
        self._open_dialog(dialog)

    def print_selected(self) -> None:
        rows = sorted({i.row() for i in self.certs_table.selectedIndexes()})
        numbers = [it.text() for r in rows if (it := self.certs_table.item(r, 0)) is not None]
        if not numbers:
            self.say(self.tr("Select the certificates to print in the list."), "warn")
            return
        st, actor = self.ui.station, self.ui.actor

        def done(printed: list[Any], failed: list[str]) -> None:
            def report() -> None:
                text = self.tr("%1 of %2 certificates printed").replace("%1", str(len(printed))).replace(
                    "%2", str(len(numbers)))
                self.say("\n".join([text, *failed]), "warn" if failed or len(printed) < len(numbers) else "ok")

            self._printed(printed, report)

        self.printing.print_batch(numbers, lambda no: st.certificates.prepare_print(actor, no, self.issuer), done)

