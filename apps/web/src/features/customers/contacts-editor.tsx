import type { CreateCustomerInput } from "@ledgerline/domain";
import { useState } from "react";
import { CheckboxField, TextField } from "../../components/field.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import type { SchemaForm } from "../../lib/use-form.ts";
import { emptyContact, type ContactDraft, type CustomerFormValues } from "./customer-form.ts";

type ContactField = "name" | "email" | "phone" | "position";

/**
 * The customer's contacts as one list saved with the form: add, edit, remove, and at most one
 * primary (ticking one unticks the others, so the schema's "only one primary" rule holds).
 */
export function ContactsEditor({
  form,
  disabled,
}: {
  form: SchemaForm<CustomerFormValues, CreateCustomerInput>;
  disabled: boolean;
}) {
  const { t } = useI18n();
  const [addedKey, setAddedKey] = useState<string | null>(null);
  const contacts = form.values.contacts;

  const setContacts = (update: (contacts: ContactDraft[]) => ContactDraft[], path = "contacts") =>
    form.updateValues((values) => ({ ...values, contacts: update(values.contacts) }), path);

  const setContactField = (index: number, field: ContactField, value: string) =>
    setContacts(
      (current) =>
        current.map((contact, position) =>
          position === index ? { ...contact, [field]: value } : contact,
        ),
      `contacts.${index}.${field}`,
    );

  const add = () => {
    const contact = emptyContact(contacts.length === 0);
    setAddedKey(contact.key);
    setContacts((current) => [...current, contact]);
  };

  const listError = form.errorOf("contacts");

  return (
    <div className="contacts">
      {contacts.length === 0 ? <p className="muted">{t("contacts.none")}</p> : null}
      <ol className="contacts__list">
        {contacts.map((contact, index) => {
          const rowLabel = t("contacts.rowLabel", { number: index + 1 });
          const label = (text: string) => (
            <>
              <span className="visually-hidden">{rowLabel}: </span>
              {text}
            </>
          );
          const fieldProps = (field: ContactField) => ({
            value: contact[field],
            error: form.errorOf(`contacts.${index}.${field}`),
            onChange: (event: { target: { value: string } }) =>
              setContactField(index, field, event.target.value),
            onBlur: () => form.touch(`contacts.${index}.${field}`),
          });
          return (
            <li key={contact.key} className="contacts__row">
              <TextField
                label={label(t("field.name"))}
                required
                autoFocus={contact.key === addedKey}
                {...fieldProps("name")}
              />
              <TextField
                label={label(t("field.email"))}
                type="email"
                autoComplete="off"
                {...fieldProps("email")}
              />
              <TextField
                label={label(t("field.phone"))}
                type="tel"
                autoComplete="off"
                {...fieldProps("phone")}
              />
              <TextField label={label(t("contacts.position"))} {...fieldProps("position")} />
              <div className="contacts__row-actions">
                <CheckboxField
                  label={label(t("contacts.primary"))}
                  checked={contact.isPrimary}
                  onChange={(event) => {
                    const checked = event.target.checked;
                    setContacts((current) =>
                      current.map((other, position) => ({
                        ...other,
                        isPrimary: position === index ? checked : false,
                      })),
                    );
                  }}
                />
                {disabled ? null : (
                  <button
                    type="button"
                    className="button button--small button--ghost-danger"
                    onClick={() =>
                      setContacts((current) => current.filter((_, position) => position !== index))
                    }
                  >
                    {t("contacts.remove")}
                    <span className="visually-hidden"> {contact.name || rowLabel}</span>
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      {listError ? (
        <p className="field__error" role="alert">
          {listError}
        </p>
      ) : null}
      {disabled ? null : (
        <button type="button" className="button button--small" onClick={add}>
          + {t("contacts.add")}
        </button>
      )}
    </div>
  );
}
