import { APP_MESSAGES, type AppMessageKey } from "@ledgerline/domain";

/**
 * The server's messages (AppError keys from @ledgerline/domain's registry) as dictionary entries
 * `app.<key>`. English is the registry's own template; German is written here and typed against
 * the registry, so a key the server can answer with and German lacks is a type error (and
 * dictionaries.test.ts checks both languages fill the same placeholders).
 */
export type AppMessageDictionary = { readonly [K in AppMessageKey as `app.${K}`]: string };

export const appMessagesEn = Object.fromEntries(
  Object.entries(APP_MESSAGES).map(([key, template]) => [`app.${key}`, template]),
) as AppMessageDictionary;

/** Names of records a message can mention (`record` terms), as the server names them. */
export const recordTermsEn = {
  "appTerm.record.customer": "customer",
  "appTerm.record.supplier": "supplier",
  "appTerm.record.project": "project",
  "appTerm.record.projects": "projects",
  "appTerm.record.documents": "documents",
  "appTerm.record.expenses": "expenses",
  "appTerm.record.purchase orders": "purchase orders",
  "appTerm.record.invoice groups": "invoice groups",
} as const;

export const recordTermsDe: Record<keyof typeof recordTermsEn, string> = {
  "appTerm.record.customer": "Kunde",
  "appTerm.record.supplier": "Lieferant",
  "appTerm.record.project": "Projekt",
  "appTerm.record.projects": "Projekte",
  "appTerm.record.documents": "Dokumente",
  "appTerm.record.expenses": "Ausgaben",
  "appTerm.record.purchase orders": "Bestellungen",
  "appTerm.record.invoice groups": "Sammelrechnungen",
};

export const appMessagesDe: AppMessageDictionary = {
  "app.text": "{text}",
  "app.request.invalidFields": "Einige Eingaben sind nicht gültig.",
  "app.request.invalidField": "Einige Eingaben sind nicht gültig ({path}: {problem})",
  "app.request.invalidDecimal":
    "Eine Zahl ist ungültig oder zu groß (höchstens {digits} Stellen und ein Exponent von -{exponent} bis {exponent}).",
  "app.request.notAccepted": "Die Anfrage wird nicht angenommen: {problem}",
  "app.record.duplicate": "Ein Datensatz mit diesen Werten existiert bereits.",
  "app.record.stillReferenced": "Ein anderer Datensatz verweist noch auf diesen.",
  "app.record.gone": "Diesen Datensatz gibt es nicht (mehr).",
  "app.record.notFound": "{record:ThisAccusative} gibt es nicht.",
  "app.record.inUse":
    "„{name}“ kann nicht gelöscht werden: Es gibt noch {references}, die darauf verweisen. Archivieren Sie den Datensatz stattdessen, um ihn aus den Listen auszublenden.",
  "app.record.referenceCount": "{record}: {count}",
  "app.issuedDocument.changed":
    "Ausgestellte Dokumente werden nicht geändert: Korrigieren Sie sie mit einer Gutschrift oder einem Storno.",
  "app.auth.signInRequired": "Bitte melden Sie sich an.",
  "app.auth.wrongCredentials": "E-Mail oder Passwort ist nicht korrekt.",
  "app.auth.tooManyAttempts":
    "Zu viele fehlgeschlagene Anmeldeversuche. Warten Sie 15 Minuten oder bitten Sie eine Administratorin oder einen Administrator um Hilfe.",
  "app.auth.roleMayNot": "Ihre Rolle ({role}) darf das nicht (nötig: {permission}).",
  "app.upload.invalidFileName": "Der Dateiname (X-File-Name) ist nicht gültig: {problem}",

  "app.field.required": "Dieses Feld ist erforderlich.",
  "app.field.minLength": "Mindestens {min} Zeichen.",
  "app.field.maxLength": "Höchstens {max} Zeichen.",
  "app.field.min": "Mindestens {min}.",
  "app.field.max": "Höchstens {max}.",
  "app.field.minItems": "Mindestens {min} Einträge.",
  "app.field.maxItems": "Höchstens {max} Einträge.",
  "app.field.number": "Geben Sie eine Zahl ein.",
  "app.field.wholeNumber": "Nur ganze Zahlen.",
  "app.field.email": "Geben Sie eine gültige E-Mail-Adresse ein.",
  "app.field.date": "Geben Sie ein Datum ein.",
  "app.field.choose": "Wählen Sie eine der Möglichkeiten.",
  "app.field.invalid": "Dieser Wert ist nicht gültig.",
  "app.field.enterPassword": "Geben Sie Ihr Passwort ein.",
  "app.field.enterCurrentPassword": "Geben Sie Ihr aktuelles Passwort ein.",
  "app.field.country": "Verwenden Sie einen zweistelligen Ländercode wie DE.",
  "app.field.currency": "Verwenden Sie einen Währungscode nach ISO 4217 wie EUR.",
  "app.field.notNegative": "Darf nicht negativ sein.",
  "app.field.maxDays": "Höchstens 365 Tage.",
  "app.field.iban": "Diese IBAN ist nicht gültig (Prüfsumme).",
  "app.field.maxContacts": "Höchstens 50 Kontakte.",
  "app.field.endBeforeStart": "Das Enddatum darf nicht vor dem Startdatum liegen.",
  "app.field.rangeEndBeforeStart": "Das Ende des Zeitraums darf nicht vor seinem Beginn liegen.",
  "app.field.sayWhy": "Geben Sie einen Grund an.",
  "app.field.languageTag": "Verwenden Sie ein Sprachkürzel wie de oder en-GB.",
  "app.field.addLine": "Fügen Sie mindestens eine Position hinzu.",
  "app.field.chooseDocument": "Wählen Sie mindestens ein Dokument.",
  "app.field.chooseExpense": "Wählen Sie mindestens eine Ausgabe.",
  "app.field.maxExpenses": "Höchstens 200 Ausgaben auf einmal.",
  "app.field.choosePurchaseOrder": "Wählen Sie mindestens eine Bestellung.",
  "app.field.enterDocumentNumber": "Geben Sie eine Dokumentnummer ein.",
  "app.field.minUnits": "Mindestens 1 Einheit.",
  "app.field.maxUnits": "Höchstens 1.000.000.000 Einheiten.",
  "app.field.amountTooLarge": "Dieser Betrag ist zu groß: höchstens 999.999.999.999,99.",
  "app.field.decimalComma": "Diese Zahl ist nicht lesbar.",
  "app.field.tooManyDigits": "Diese Zahl hat zu viele Stellen.",
  "app.field.numberTooLarge": "Diese Zahl ist zu groß.",
  "app.field.decimalPlaces": "Höchstens {places} Nachkommastellen.",
  "app.field.centsOnly": "Höchstens 2 Nachkommastellen (Cent).",
  "app.field.amountExample": "Ein Betrag wie {example}.",
  "app.field.enterAmount": "Geben Sie einen Betrag wie {example} ein.",
  "app.field.rateExample": "Ein Satz wie {example}.",
  "app.field.enterRate": "Geben Sie einen Satz wie {example} ein.",
  "app.field.enterQuantity": "Geben Sie eine Menge wie 2 oder 1,5 ein.",
  "app.field.enterPrice": "Geben Sie einen Preis wie 85,00 ein.",
  "app.field.enterPercentage": "Geben Sie einen Prozentsatz wie 10 ein.",
  "app.field.amountPositive": "Der Betrag muss größer als 0 sein.",
  "app.field.quantityNotZero": "Die Menge darf nicht 0 sein.",
  "app.field.unitPriceNotNegative": "Der Einzelpreis darf nicht negativ sein.",
  "app.field.textNul": "Enthält ein NUL-Zeichen (U+0000), das Text nicht speichern kann.",
  "app.field.textSurrogate":
    "Enthält die Hälfte eines UTF-16-Ersatzpaars, also kein gültiges Zeichen (defektes Unicode).",
  "app.field.foreignItem": "Dieser Eintrag gehört nicht zu diesem Datensatz.",
  "app.field.netPerQuantity":
    "{net} ÷ {quantity} ergibt keinen Einzelpreis mit höchstens 4 Nachkommastellen.",
  "app.field.netPerPrice": "{net} ÷ {price} ergibt keine Menge mit höchstens 3 Nachkommastellen.",
  "app.field.netMismatch":
    "Der Nettobetrag {net} ist nicht, was Menge × Einzelpreis ergeben: {computed}.",
  "app.field.noTypeHasStatus": "Keine dieser Belegarten hat je den Status „{status}“.",

  "app.user.notFound": "Diese Person gibt es nicht.",
  "app.user.emailTaken": "Es gibt bereits eine Person mit dieser E-Mail-Adresse.",
  "app.user.lastAdmin":
    "Dies ist die letzte aktive Administratorin bzw. der letzte aktive Administrator; machen Sie zuerst eine andere Person zur Administration.",
  "app.user.wrongPassword": "Das aktuelle Passwort ist nicht korrekt.",
  "app.apiToken.notFound": "Diesen API-Token gibt es nicht.",
  "app.user.roleAboveYours":
    "Niemand vergibt mehr, als er selbst hat: Eine Rolle über Ihrer eigenen ({role}) können Sie weder vergeben noch ändern oder deaktivieren.",
  "app.apiToken.adminOnly":
    "API-Tokens legt eine angemeldete Person an (Administration oder Finanzen).",
  "app.apiToken.roleAboveYours":
    "Ein Token handelt in Ihrem Namen, seine Rolle darf also nicht über Ihrer liegen ({role}).",
  "app.settings.notSetUp":
    "Die Firmeneinstellungen sind noch nicht eingerichtet; das erledigt die Administration unter Einstellungen.",
  "app.settings.saveNameFirst":
    "Die Firmeneinstellungen sind noch nicht eingerichtet: Speichern Sie zuerst den Firmennamen.",
  "app.settings.missingForDocuments":
    "Die Firmeneinstellungen sind noch nicht eingerichtet: Dokumente brauchen Namen und Anschrift der Firma.",

  "app.customer.notFound": "Diesen Kunden gibt es nicht.",
  "app.customer.archived":
    "„{name}“ ist archiviert und erhält keine neuen Dokumente. Stellen Sie den Kunden zuerst wieder her.",
  "app.supplier.notFound": "Diesen Lieferanten gibt es nicht.",
  "app.project.notFound": "Dieses Projekt gibt es nicht.",
  "app.project.customerNotFound": "Diesen Kunden gibt es nicht.",
  "app.project.chooseCustomer": "Wählen Sie einen vorhandenen Kunden.",
  "app.project.customerArchived":
    "Der Kunde ist archiviert; stellen Sie ihn wieder her, bevor Sie ein Projekt zu ihm verschieben.",
  "app.project.customerArchivedNew":
    "Der Kunde ist archiviert; stellen Sie ihn wieder her, bevor Sie ein Projekt beginnen.",
  "app.project.customerIsArchived": "Dieser Kunde ist archiviert.",
  "app.project.cannotMove":
    "„{name}“ hat Verkaufsdokumente oder abgerechnete Ausgaben seines Kunden „{customer}“ und kann daher nicht zu einem anderen Kunden wechseln. Beginnen Sie stattdessen ein neues Projekt für den anderen Kunden.",
  "app.project.managerInactive": "Die Projektleitung muss eine aktive Person sein.",
  "app.project.chooseActiveUser": "Wählen Sie eine aktive Person.",

  "app.expense.notFound": "Diese Ausgabe gibt es nicht.",
  "app.expense.billableNeedsProject":
    "Eine abrechenbare Ausgabe braucht ein Projekt: Sie wird dem Kunden des Projekts berechnet.",
  "app.expense.billedHere": "„{name}“ ist bereits auf dieser Rechnung abgerechnet.",
  "app.expense.notBillable": "„{name}“ ist nicht abrechenbar.",
  "app.expense.billedElsewhere": "„{name}“ ist bereits auf einer anderen Rechnung abgerechnet.",
  "app.expense.noProject":
    "„{name}“ hat kein Projekt und damit keinen Kunden, dem sie berechnet werden kann.",
  "app.expense.otherCustomer": "„{name}“ ist eine Ausgabe im Projekt eines anderen Kunden.",
  "app.expense.otherProject": "„{name}“ gehört zu einem anderen Projekt.",
  "app.expense.otherCurrency": "„{name}“ ist in {currency}, die Rechnung in {invoiceCurrency}.",
  "app.expense.projectNotFound": "Dieses Projekt gibt es nicht.",
  "app.expense.chooseProject": "Wählen Sie ein vorhandenes Projekt.",
  "app.expense.changedMeanwhile":
    "Diese Ausgabe wurde inzwischen abgerechnet oder freigegeben. Versuchen Sie es erneut.",
  "app.expense.billedOnDraft":
    "{problem} Sie steht auf einem Rechnungsentwurf: Entfernen Sie dort zuerst ihre Position.",
  "app.expense.billedOnInvoice":
    "{problem} Sie ist auf Rechnung {number} abgerechnet: Korrigieren Sie stattdessen diese Rechnung.",
  "app.expense.billedFixed":
    "Auf einer ausgestellten Rechnung abgerechnet; korrigieren Sie stattdessen die Rechnung.",
  "app.expense.billedAmountFixed":
    "„{title}“ ist auf Rechnung {number} abgerechnet; Betrag, Steuersatz und Währung können sich daher nicht ändern. Korrigieren Sie stattdessen die Rechnung mit einer Gutschrift.",
  "app.expense.billedCannotDelete":
    "„{title}“ ist auf Rechnung {number} abgerechnet (Status „{status}“) und kann daher nicht gelöscht werden. Korrigieren Sie stattdessen die Rechnung mit einer Gutschrift oder einem Storno.",
  "app.receipt.wrongType": "Ein Beleg ist eine PDF-, PNG- oder JPEG-Datei.",
  "app.receipt.empty": "Die Datei ist leer.",
  "app.receipt.tooLarge": "Ein Beleg darf höchstens 10 MiB groß sein.",
  "app.receipt.contentMismatch":
    "Die Datei ist als {type} angegeben, ihr Inhalt ist es aber nicht.",
  "app.receipt.notFound": "Diesen Beleg gibt es nicht.",
  "app.file.notFound": "Diese Datei gibt es nicht.",
  "app.logo.wrongType": "Ein Logo ist eine PNG-, JPEG- oder SVG-Datei.",
  "app.logo.tooLarge": "Ein Logo darf höchstens {kibibytes} KiB groß sein.",
  "app.logo.contentMismatch": "Der Inhalt der Datei entspricht nicht dem Typ {type}.",
  "app.logo.contentDoesNotMatch": "Der Inhalt der Datei passt nicht zu ihrem Typ.",

  "app.document.notFound": "Dieses Verkaufsdokument gibt es nicht.",
  "app.document.bulkFailed":
    "Bei diesem Dokument ist auf unserer Seite etwas schiefgegangen. Bitte versuchen Sie es erneut.",
  "app.document.numberNotFound": "Es gibt kein Dokument mit der Nummer {number}.",
  "app.document.chooseCustomer": "Wählen Sie einen Kunden oder ein Projekt.",
  "app.document.linesOrAmount":
    "Geben Sie die Positionen an oder einen Betrag: den Gesamtbetrag (amount) oder den Nettobetrag (amountNet).",
  "app.document.startsAsDraft":
    "Ein neuer Beleg beginnt als Entwurf; ausstellen oder zur Freigabe geben können Sie ihn danach.",
  "app.document.projectNumber":
    "Geben Sie eine Projektnummer ein: eine ganze Zahl von 1 bis 99.999.999.",
  "app.document.projectNumberUnknown": "Es gibt keine Projektnummer {number}.",
  "app.document.projectNumberOtherProject":
    "Die Projektnummer gehört zu einem anderen Projekt als projectId.",
  "app.document.amountUnreachable":
    "Keine Position ergibt {amount} bei {rate} % USt. (die Steuer wird auf den Cent gerundet); die nächsten möglichen Gesamtbeträge sind {below} und {above}.",
  "app.document.kindOnInvoices": "Nur Rechnungen haben eine Art (Rechnung oder Anzahlung).",
  "app.document.dueDateNotForType":
    "Nur Rechnungen, Aufträge und Proforma-Rechnungen haben ein Fälligkeitsdatum.",
  "app.document.validUntilOnQuotes": "Nur Angebote haben ein Gültig-bis-Datum.",
  "app.document.quantityPositive": "Die Menge muss größer als 0 sein.",
  "app.document.partialPercent":
    "Eine Teilrechnung beträgt mehr als 0 % und weniger als 100 % des offenen Betrags.",
  "app.document.partialPercentMissing":
    "Geben Sie an, wie viel Prozent des offenen Betrags jetzt berechnet werden.",
  "app.document.partOnlyForInvoices": "Nur eine Rechnung ist Schluss- oder Teilrechnung.",
  "app.document.chooseInvoicePart": "Wählen Sie Schlussrechnung oder Teilrechnung.",
  "app.document.enterPercentage": "Geben Sie einen Prozentsatz wie 30 ein.",
  "app.document.linesTotalNegative":
    "Die Positionen einer Rechnung dürfen zusammen nicht unter 0 liegen: Ziehen Sie höchstens ab, was sie berechnet.",
  "app.document.creditQuantityPositive": "Die gutzuschreibende Menge muss größer als 0 sein.",
  "app.document.quantityNegative":
    "Auf einer Gutschrift oder einem Storno ist die Menge negativ: der zurückgenommene Betrag.",
  "app.document.dueBeforeIssuedDate":
    "Das Fälligkeitsdatum darf nicht vor dem Ausstellungsdatum liegen.",
  "app.document.validUntilBeforeIssuedDate":
    "Das Gültig-bis-Datum darf nicht vor dem Ausstellungsdatum liegen.",
  "app.document.servicePeriodStart": "Geben Sie auch den Beginn des Leistungszeitraums ein.",
  "app.document.servicePeriodEnd":
    "Das Ende des Leistungszeitraums darf nicht vor seinem Beginn liegen.",
  "app.document.changeNotesOrTerms": "Ändern Sie die Notizen oder die Bedingungen.",
  "app.document.chooseCreditLine":
    "Wählen Sie mindestens eine Position zum Gutschreiben oder fügen Sie eine Kulanzposition hinzu.",
  "app.document.creditLineOnce":
    "Jede Rechnungsposition kann je Gutschrift nur einmal gutgeschrieben werden.",
  "app.document.actionNotAllowed":
    "„{action}“ ist nicht möglich, solange {type:this} im Status „{status}“ ist. Jetzt möglich: {allowed}.",
  "app.document.noActionNow":
    "„{action}“ ist nicht möglich, solange {type:this} im Status „{status}“ ist. Derzeit ist damit nichts mehr möglich.",
  "app.document.needsApproval":
    "{type:This} braucht eine Freigabe: {type:Its} Gesamtbetrag erreicht die Freigabegrenze. Reichen Sie {type:itAccusative} stattdessen zur Freigabe ein.",
  "app.document.needsNoApproval":
    "{type:This} braucht keine Freigabe: {type:Its} Gesamtbetrag liegt unter der Freigabegrenze. Stellen Sie {type:itAccusative} direkt aus.",
  "app.document.ownSubmission":
    "Sie haben dieses Dokument eingereicht; eine andere Person muss es freigeben.",
  "app.document.neverStatus":
    "{type:A} hat nie den Status „{status}“. {type:ItsPlural} Status sind: {statuses}.",
  "app.document.alreadyStatus": "{type:This} ist bereits im Status „{status}“.",
  "app.document.derivedOverdue":
    "{type:A} wird „überfällig“, wenn {type:its} Fälligkeitsdatum mit offenem Betrag verstreicht; diesen Status setzt das System.",
  "app.document.derivedExpired":
    "{type:A} läuft ab, wenn {type:its} Gültig-bis-Datum verstreicht; diesen Status setzt das System.",
  "app.document.derivedRefunded":
    "{type:A} wird „erstattet“, wenn das darauf Gezahlte vollständig zurückgezahlt ist: Verwenden Sie stattdessen „Erstatten“ auf der bezahlten Rechnung.",
  "app.document.derivedByRefund":
    "{type:A} erhält den Status „{status}“, wenn {type:itsPlural} Erstattung ausgezahlt wird: Erfassen Sie stattdessen eine Zahlung darauf.",
  "app.document.derivedByPayments":
    "{type:A} erhält den Status „{status}“ aus den Zahlungen und Gutschriften darauf: Erfassen Sie stattdessen eine Zahlung.",
  "app.document.cannotMove":
    "{type:This} kann nicht von „{from}“ nach „{to}“ wechseln. Von „{from}“ aus möglich: {allowed}.",
  "app.document.cannotMoveByHand":
    "{type:This} kann nicht von „{from}“ nach „{to}“ wechseln. Von „{from}“ aus lässt sich kein Status von Hand setzen.",
  "app.document.onlyDraftsChange":
    "Nur Entwürfe lassen sich ändern; {type:this} ist im Status „{status}“. {hint}",
  "app.document.hintReturnToDraft":
    "Geben Sie den Beleg zuerst in den Entwurf zurück oder ziehen Sie ihn zurück.",
  "app.document.hintCorrectInvoice":
    "Korrigieren Sie den Beleg mit einer Gutschrift oder einem Storno.",
  "app.document.hintNotesOnly": "Nur die Notizen lassen sich noch ändern.",
  "app.order.unnumbered": "noch ohne Nummer",
  "app.order.invoiceInProgress":
    "{type:This} hat noch eine Rechnung über {amount} im Status „{status}“: Stellen Sie sie aus oder löschen Sie sie, bevor Sie weiter abrechnen.",
  "app.order.overInvoicing":
    "{type:This} hat einen Gesamtbetrag von {total}; mit dieser Rechnung über {amount} wären {invoiced} berechnet. Bestätigen Sie, wenn Sie mehr als bestellt berechnen wollen.",
  "app.order.fullyInvoiced":
    "{type:This} ist vollständig berechnet ({invoiced} von {total}). Bestätigen Sie, wenn Sie mehr als bestellt berechnen wollen.",
  "app.quote.alreadyConfirmed":
    "Dieses Angebot hat bereits eine Auftragsbestätigung ({name}, „{status}“). Stornieren Sie sie, bevor Sie das Angebot erneut umwandeln.",
  "app.quote.invoiceTheConfirmation":
    "Aus diesem Angebot wurde eine Auftragsbestätigung ({name}, „{status}“): Stellen Sie die Rechnung zur Auftragsbestätigung.",
  "app.quote.invoicedDirectly":
    "Dieses Angebot wird direkt berechnet ({name}, „{status}“): Es kann nicht zusätzlich eine Auftragsbestätigung werden.",
  "app.document.termsFrozen":
    "Die Bedingungen stehen auf dem Dokument und ändern sich daher nur im Entwurf; {type:this} ist im Status „{status}“. {hint}",
  "app.document.hintTermsReturnToDraft":
    "Geben Sie den Beleg in den Entwurf zurück oder ziehen Sie ihn zurück, um sie zu ändern.",
  "app.document.hintNotesStillChange": "Die Notizen lassen sich noch ändern.",
  "app.document.draftNotArchived":
    "Ein Entwurf wird nicht archiviert: Löschen Sie ihn stattdessen (er hat noch keine Nummer).",
  "app.document.deleted": "Dieser Beleg ist gelöscht; stellen Sie ihn zuerst wieder her.",
  "app.settings.approvalAmountMissing":
    "Geben Sie den Betrag an, ab dem Belege freigegeben werden müssen, oder wählen Sie „immer“ oder „nie“.",
  "app.document.deletedHiddenFromYou": "Dieser Beleg ist gelöscht.",
  "app.document.nothingToRefund":
    "Auf diese Rechnung wurde nichts gezahlt, es gibt also nichts zu erstatten.",
  "app.document.invoiceFromConfirmation":
    "Aus dieser Auftragsbestätigung wurde die Rechnung {invoice} erstellt (Status „{status}“); stornieren oder löschen Sie zuerst diese Rechnung.",
  "app.document.draftFromConfirmation":
    "Aus dieser Auftragsbestätigung wurde ein Rechnungsentwurf erstellt; stornieren oder löschen Sie zuerst diese Rechnung.",
  "app.document.projectOfOtherCustomer": "Das Projekt „{project}“ gehört zu einem anderen Kunden.",
  "app.document.contactOfOtherCustomer": "Dieser Kontakt gehört nicht zum Kunden.",
  "app.document.lineCreditLimit":
    "Position {position} („{description}“): Höchstens {remaining} von {quantity} können noch gutgeschrieben werden.",
  "app.document.lineCreditedInFull":
    "Position {position} („{description}“) ist bereits vollständig gutgeschrieben.",
  "app.document.statusNotHere": "Der Status „{status}“ lässt sich hier nicht setzen.",
  "app.document.totalsDiffer":
    "Die gespeicherten Summen dieses ausgestellten Dokuments weichen von seinen Positionen ab. Ein ausgestelltes Dokument wird nie geändert: Korrigieren Sie es mit einer Gutschrift oder einem Storno.",
  "app.document.expensesOnInvoicesOnly": "Ausgaben werden nur auf Rechnungen abgerechnet.",
  "app.document.noBillableExpenses":
    "Das Projekt der Rechnung hat keine noch nicht abgerechneten abrechenbaren Ausgaben in {currency}.",
  "app.document.expensesBilledMeanwhile":
    "Eine dieser Ausgaben wurde inzwischen auf einer anderen Rechnung abgerechnet. Versuchen Sie es erneut.",
  "app.document.chooseExpenses":
    "Diese Rechnung hat kein Projekt: Wählen Sie die Ausgaben, die sie abrechnen soll.",
  "app.document.expenseMissing": "Eine dieser Ausgaben gibt es nicht.",
  "app.document.expenseLineBills":
    "{problem} Position {position} rechnet sie ab: Entfernen Sie zuerst diese Position.",
  "app.document.staysWithCustomer":
    "{type:A} bleibt beim Kunden der Rechnung, zu der {type:it} gehört.",
  "app.document.staysWithProject":
    "{type:A} bleibt beim Projekt der Rechnung, zu der {type:it} gehört.",
  "app.document.lineCurrency":
    "Eine Position hat die Währung ihres Belegs ({currency}): Ein Beleg hat genau eine Währung, {given} ist hier also nicht möglich.",
  "app.document.itemNotFound": "Diese Position gibt es auf diesem Beleg nicht.",
  "app.document.currencyOfInvoice":
    "{type:A} hat die Währung der Rechnung, zu der {type:it} gehört.",
  "app.document.sayWhyReturn": "Geben Sie an, warum Sie es in den Entwurf zurückgeben.",
  "app.document.issuedInFuture": "Das Ausstellungsdatum darf nicht in der Zukunft liegen.",
  "app.document.dueBeforeIssued":
    "Das Fälligkeitsdatum ({dueDate}) darf nicht vor dem Ausstellungsdatum ({issuedDate}) liegen.",
  "app.document.validUntilBeforeIssued":
    "Das Gültig-bis-Datum ({validUntil}) darf nicht vor dem Ausstellungsdatum ({issuedDate}) liegen.",
  "app.document.numbersFollowDates":
    "Nummern folgen den Ausstellungsdaten: Zuletzt wurde am {latest} {type:a} ausgestellt, dieser Beleg kann also nicht auf den {issuedDate} datiert werden.",
  "app.document.creditNotesFromInvoices": "Gutschriften werden nur aus Rechnungen erstellt.",
  "app.document.cancellationsOfInvoices":
    "Nur Rechnungen werden mit einem Stornobeleg storniert; andere Dokumente stornieren Sie direkt.",
  "app.document.paidCannotCancel":
    "Auf diese Rechnung sind {paid} bezahlt, sie kann daher nicht storniert werden. Korrigieren Sie sie stattdessen mit einer Gutschrift.",
  "app.document.creditedCannotCancel":
    "Diese Rechnung hat bereits eine Gutschrift ({creditNote}) und kann daher nicht storniert werden. Korrigieren Sie sie stattdessen mit einer weiteren Gutschrift.",
  "app.document.notALineOfInvoice": "Diese Position gehört nicht zur Rechnung.",
  "app.document.creditedInFull":
    "Jede Position dieser Rechnung ist bereits vollständig gutgeschrieben.",
  "app.document.creditExceedsOpen":
    "Diese Gutschrift nimmt {amount} zurück, von der Rechnung sind aber nur noch {open} nicht gutgeschrieben.",
  "app.document.invoiceCreditedInFull": "Diese Rechnung ist bereits vollständig gutgeschrieben.",
  "app.eInvoice.missingData": "Eine E-Rechnung braucht: {missing}.",
  "app.eInvoice.wrongDocument":
    "E-Rechnungen gibt es für ausgestellte Rechnungen, Gutschriften und Stornos.",

  "app.payment.notFound": "Diese Zahlung gibt es nicht.",
  "app.payment.invoiceRefunded":
    "Diese Rechnung ist erstattet, und das ist endgültig: Ihre Zahlungen und Erstattungen ändern sich nicht mehr.",
  "app.payment.onPayableOnly":
    "Zahlungen werden nur auf Rechnungen und Gutschriften erfasst; dies ist {type:a}.",
  "app.payment.documentCancelled": "{type:This} ist storniert; {type:it} nimmt keine Zahlungen an.",
  "app.payment.onIssuedOnly":
    "Zahlungen werden nur auf ausgestellten Dokumenten erfasst; {type:this} ist im Status „{status}“. Stellen Sie {type:itAccusative} zuerst aus.",
  "app.payment.amountNotPositive": "Der Betrag muss größer als 0 sein.",
  "app.payment.chooseMethod": "Bitte eine Zahlungsart wählen.",
  "app.payment.exceedsOutstanding":
    "Diese Zahlung über {amount} ist höher als die noch offenen {open}.",
  "app.payment.nothingOpen":
    "Auf dieser Rechnung ist nichts mehr offen, eine Zahlung über {amount} kann daher nicht erfasst werden.",
  "app.payment.refundExceedsDue":
    "Diese Erstattung über {amount} ist höher als die {open}, die dem Kunden noch zustehen.",
  "app.payment.noRefundDue":
    "Auf dieser Gutschrift ist keine Erstattung offen, eine Zahlung über {amount} kann daher nicht erfasst werden.",
  "app.payment.refundNeverDue":
    "Diese Änderung ließe {amount} an den Kunden erstattet, die ihm nie zustanden. Verringern oder löschen Sie zuerst die Erstattung auf der Gutschrift.",
  "app.payment.dateInFuture": "Das Zahlungsdatum darf nicht in der Zukunft liegen.",

  "app.purchaseOrder.notFound": "Diese Bestellung gibt es nicht.",
  "app.purchaseOrder.deleted": "Diese Bestellung ist gelöscht; stellen Sie sie zuerst wieder her.",
  "app.purchaseOrder.archived":
    "Diese Bestellung ist archiviert; stellen Sie sie zuerst wieder her.",
  "app.purchaseOrder.roleMayNot":
    "Ihre Rolle ({role}) darf bei dieser Bestellung nicht „{action}“.",
  "app.purchaseOrder.roleMayNotUnlessManager":
    "Ihre Rolle ({role}) darf bei dieser Bestellung nicht „{action}“, außer Sie leiten das Projekt.",
  "app.purchaseOrder.actionNotAllowed":
    "„{action}“ ist nicht möglich, solange diese Bestellung im Status „{status}“ ist. Jetzt möglich: {allowed}.",
  "app.purchaseOrder.noActionNow":
    "„{action}“ ist nicht möglich, solange diese Bestellung im Status „{status}“ ist. Derzeit ist damit nichts mehr möglich.",
  "app.state.cannotMove":
    "{record:This} kann nicht von „{from}“ nach „{to}“ wechseln. Von „{from}“ aus möglich: {allowed}.",
  "app.state.cannotMoveFinal":
    "{record:This} kann nicht von „{from}“ nach „{to}“ wechseln. „{from}“ ist ein Endstatus.",
  "app.purchaseOrder.fieldFrozen":
    "Das lässt sich nicht ändern, solange die Bestellung im Status „{status}“ ist.",
  "app.purchaseOrder.projectArchived":
    "Dieses Projekt ist archiviert; stellen Sie es wieder her, um dafür zu bestellen.",
  "app.purchaseOrder.supplierArchived":
    "Dieser Lieferant ist archiviert; stellen Sie ihn wieder her, um bei ihm zu bestellen.",
  "app.purchaseOrder.dueBeforeOrder":
    "Das Fälligkeitsdatum darf nicht vor dem Bestelldatum liegen.",
  "app.purchaseOrder.paidInFuture": "Das Zahlungsdatum darf nicht in der Zukunft liegen.",
  "app.purchaseOrder.milestoneNotFound": "Diesen Meilenstein gibt es nicht.",
  "app.purchaseOrder.milestoneRange":
    "Ein Meilenstein ist ein ganzer Prozentsatz von {min} bis {max}.",
  "app.purchaseOrder.milestoneDecreases":
    "Meilensteine sinken nie: Diese Bestellung steht schon bei {highest} %, der nächste muss darüber liegen.",
  "app.purchaseOrder.disbursementNotFound": "Diesen Auslagenposten gibt es nicht.",
  "app.batch.notFound": "Diesen Stapel gibt es nicht.",
  "app.batch.starterInactive": "Die Person, die diesen Stapel gestartet hat, ist nicht mehr aktiv.",

  "app.invoiceGroup.notFound": "Diese Sammelrechnung gibt es nicht.",
  "app.invoiceGroup.roleMayNot":
    "Ihre Rolle ({role}) darf bei dieser Sammelrechnung nicht „{action}“.",
  "app.invoiceGroup.notDraft":
    "Diese Sammelrechnung ist „{status}“; nur ein Entwurf lässt sich ändern. Von „{status}“ aus möglich: {allowed}.",
  "app.invoiceGroup.empty":
    "Eine Sammelrechnung braucht mindestens eine Rechnung, bevor sie ausgestellt wird.",
  "app.invoiceGroup.notAnInvoice":
    "Nur Rechnungen können in eine Sammelrechnung aufgenommen werden.",
  "app.invoiceGroup.alreadyInThisGroup": "Diese Rechnung ist schon in dieser Sammelrechnung.",
  "app.invoiceGroup.inAnotherGroup": "Diese Rechnung ist schon in einer anderen Sammelrechnung.",
  "app.invoiceGroup.invoiceNotIssued":
    "Nur ausgestellte Rechnungen, die offen oder bezahlt sind, können aufgenommen werden; diese ist „{status}“.",
  "app.invoiceGroup.otherCustomer":
    "Diese Rechnung ist für einen anderen Kunden als die Sammelrechnung.",
  "app.invoiceGroup.otherCurrency":
    "Diese Rechnung ist nicht in {currency}, der Währung der Sammelrechnung.",
  "app.invoiceGroup.invoiceNotInGroup": "Diese Rechnung ist nicht in dieser Sammelrechnung.",
  "app.invoiceGroup.invoiceNotFound": "Diese Rechnung gibt es nicht.",
  "app.invoiceGroup.dueBeforeInvoiceDate":
    "Das Fälligkeitsdatum darf nicht vor dem Rechnungsdatum liegen.",
  "app.invoiceGroup.hasInvoices":
    "Kunde und Währung lassen sich nicht ändern, solange die Sammelrechnung Rechnungen enthält; entfernen Sie diese zuerst.",
  "app.invoiceGroup.memberNoLongerEligible":
    "Rechnung {number} ist jetzt „{status}“ und kann nicht Teil einer ausgestellten Sammelrechnung sein; entfernen Sie sie zuerst.",
  "app.invoiceGroup.deleted":
    "Diese Sammelrechnung ist gelöscht; stellen Sie sie zuerst wieder her.",
  "app.invoiceGroup.archived":
    "Diese Sammelrechnung ist archiviert; holen Sie sie zuerst aus dem Archiv zurück.",
  "app.invoiceGroup.draftNotArchived":
    "Ein Entwurf einer Sammelrechnung wird nicht archiviert: Löschen Sie ihn stattdessen (er hat noch keine Nummer).",
  "app.invoiceGroup.notArchived": "Diese Sammelrechnung ist nicht archiviert.",
  "app.invoiceGroup.notDeleted": "Diese Sammelrechnung ist nicht gelöscht.",
};
