//! Settings → Members: the workspace's name and what members see (admins), the members with their
//! roles and last activity, role changes and removal (admins), transferring ownership (the owner),
//! leaving the workspace (anyone but the owner), and deleting the workspace 30 days after the
//! owner asks (with the notice every page of a workspace on that schedule shows).

use crate::api::invitations::{list_invitations, InviteMember, ResendInvitation, RevokeInvitation};
use crate::api::members::{list_workspace_members, ChangeMemberRole, LeaveWorkspace, MemberSummary, RemoveMember, SaveWorkspaceSettings, TransferOwnership};
use crate::api::workspace_deletion::{CancelWorkspaceDeletion, RequestWorkspaceDeletion};
use crate::components::field::{FormAlert, SelectField, TextField};
use crate::domain::workspaces::{Role, Visibility};
use crate::i18n_setup::{t_string, use_i18n, Locale};
use crate::pages::records::{format_time, use_slug, ErrorNotice};
use crate::pages::workspace::role_label;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_meta::Title;

fn visibility_options(i18n: I18nContext<Locale>) -> Vec<(String, String)> {
    [(Visibility::All, t_string!(i18n, members.visibility.all)), (Visibility::Own, t_string!(i18n, members.visibility.own))]
        .into_iter()
        .map(|(v, label)| (v.as_str().to_owned(), label.to_owned()))
        .collect()
}

#[component]
pub fn MembersSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let settings = ServerAction::<SaveWorkspaceSettings>::new();
    let role = ServerAction::<ChangeMemberRole>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let transfer = ServerAction::<TransferOwnership>::new();
    let leave = ServerAction::<LeaveWorkspace>::new();
    let settings_error = Signal::derive(move || settings.value().get().and_then(Result::err));
    let member_error = Signal::derive(move || {
        role.value().get().and_then(Result::err)
            .or_else(|| remove.value().get().and_then(Result::err))
            .or_else(|| transfer.value().get().and_then(Result::err))
            .or_else(|| leave.value().get().and_then(Result::err))
    });
    let page = Resource::new(
        move || (slug(), settings.version().get(), role.version().get(), remove.version().get(), transfer.version().get()),
        |(slug, ..)| list_workspace_members(slug),
    );
    let my_role = use_context::<crate::api::workspaces::WorkspaceShell>().map(|shell| shell.workspace.role);
    let admin = my_role.is_some_and(Role::is_admin);
    let owner = my_role == Some(Role::Owner);
    view! {
        <Title text=t_string!(i18n, members.page.title)/>
        <h1>{t_string!(i18n, members.page.heading)}</h1>
        {admin.then(|| view! { <Invitations/> })}
        {owner.then(|| view! { <DeleteWorkspaceForm/> })}
        <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, members.page.loading)}</p> }>
            {move || Suspend::new(async move {
                let page = match page.await {
                    Ok(page) => page,
                    Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                };
                let admin = page.my_role.is_admin();
                let owner = page.my_role == Role::Owner;
                let others: Vec<(String, String)> = page.members.iter().map(|m| (m.user_id.clone(), m.name.clone())).collect();
                view! {
                    <section class="panel" aria-labelledby="workspace-settings">
                        <h2 id="workspace-settings">{t_string!(i18n, members.settings.heading)}</h2>
                        {(!admin).then(|| view! { <p class="muted">{t_string!(i18n, members.settings.admins_only)}</p> })}
                        <ActionForm action=settings attr:aria-label=t_string!(i18n, members.settings.label)>
                            <input type="hidden" name="slug" value=slug()/>
                            <TextField name="name" label=t_string!(i18n, members.settings.name) required=true value=page.workspace_name.clone() error=settings_error/>
                            <SelectField name="visibility" label=t_string!(i18n, members.settings.members_see) options=visibility_options(i18n) selected=page.visibility.as_str() error=settings_error/>
                            <p class="hint">{t_string!(i18n, members.settings.hint)}</p>
                            <FormAlert error=settings_error/>
                            {move || settings.value().get().and_then(Result::ok).map(|()| view! { <p class="notice" role="status">{t_string!(i18n, members.settings.saved)}</p> })}
                            <button class="button primary" type="submit" disabled=move || !admin || settings.pending().get()>{t_string!(i18n, members.settings.save)}</button>
                        </ActionForm>
                    </section>
                    <section class="panel" aria-labelledby="members-heading">
                        <h2 id="members-heading">{t_string!(i18n, members.list.heading)}</h2>
                        <FormAlert error=member_error/>
                        <div class="table-scroll">
                            <table class="records">
                                <thead><tr>
                                    <th scope="col">{t_string!(i18n, members.list.name)}</th>
                                    <th scope="col">{t_string!(i18n, members.list.email)}</th>
                                    <th scope="col">{t_string!(i18n, members.list.role)}</th>
                                    <th scope="col">{t_string!(i18n, members.list.last_active)}</th>
                                    <th scope="col">{t_string!(i18n, members.list.actions)}</th>
                                </tr></thead>
                                <tbody>
                                    {page.members.into_iter().map(|m| view! {
                                        <MemberRow member=m slug=slug() admin owner others=others.clone() role remove transfer leave/>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// One member's row: their role (a select for admins), and what the caller may do to them.
#[component]
#[allow(clippy::too_many_arguments)]
fn MemberRow(
    member: MemberSummary,
    slug: String,
    admin: bool,
    owner: bool,
    others: Vec<(String, String)>,
    role: ServerAction<ChangeMemberRole>,
    remove: ServerAction<RemoveMember>,
    transfer: ServerAction<TransferOwnership>,
    leave: ServerAction<LeaveWorkspace>,
) -> impl IntoView {
    let i18n = use_i18n();
    let is_owner_row = member.role == Role::Owner;
    let manageable = admin && !is_owner_row && !member.is_me;
    let role_id = format!("role-{}", member.user_id);
    let hand_id = format!("hand-{}", member.user_id);
    let name = member.name.clone();
    let role_label_text = t_string!(i18n, members.row.role_of, name = name.clone()).to_string();
    let role_aria = role_label_text.clone();
    let role_slug = slug.clone();
    let role_user = member.user_id.clone();
    let role_cell = if admin && !is_owner_row {
        let options = [Role::Admin, Role::Member, Role::Viewer].into_iter().map(|r| view! {
            <option value=r.as_str() selected=r == member.role>{role_label(i18n, r)}</option>
        }).collect_view();
        view! {
            <ActionForm action=role attr:class="inline-form" attr:aria-label=role_aria>
                <input type="hidden" name="slug" value=role_slug/>
                <input type="hidden" name="user_id" value=role_user/>
                <label class="visually-hidden" for=role_id.clone()>{role_label_text}</label>
                <select id=role_id name="role">{options}</select>
                <button class="button secondary small" type="submit">{t_string!(i18n, members.row.change_role)}</button>
            </ActionForm>
        }.into_any()
    } else {
        view! { <span class="badge">{role_label(i18n, member.role)}</span> }.into_any()
    };
    let remove_label = t_string!(i18n, members.row.remove, name = name.clone()).to_string();
    let give_label = t_string!(i18n, members.row.give_records, name = name.clone()).to_string();
    let (remove_slug, remove_user) = (slug.clone(), member.user_id.clone());
    let remove_aria = remove_label.clone();
    let remove_form = manageable.then(|| {
        let choices = others.into_iter().filter(|(id, _)| *id != member.user_id).map(|(id, n)| view! { <option value=id>{n}</option> }).collect_view();
        view! {
            <ActionForm action=remove attr:class="inline-form" attr:aria-label=remove_aria>
                <input type="hidden" name="slug" value=remove_slug/>
                <input type="hidden" name="user_id" value=remove_user/>
                <label class="visually-hidden" for=hand_id.clone()>{give_label}</label>
                <select id=hand_id name="hand_to">
                    <option value="">{t_string!(i18n, members.row.leave_unowned)}</option>
                    {choices}
                </select>
                <button class="button secondary small" type="submit">{remove_label}</button>
            </ActionForm>
        }
    });
    let transfer_label = t_string!(i18n, members.row.make_owner, name = name.clone()).to_string();
    let (transfer_slug, transfer_user) = (slug.clone(), member.user_id.clone());
    let transfer_form = (owner && !member.is_me).then(|| view! {
        <ActionForm action=transfer attr:class="inline-form">
            <input type="hidden" name="slug" value=transfer_slug/>
            <input type="hidden" name="user_id" value=transfer_user/>
            <button class="button secondary small" type="submit">{transfer_label}</button>
        </ActionForm>
    });
    let leave_form = (member.is_me && !is_owner_row).then(|| view! {
        <ActionForm action=leave attr:class="inline-form">
            <input type="hidden" name="slug" value=slug/>
            <button class="button secondary small" type="submit">{t_string!(i18n, members.row.leave)}</button>
        </ActionForm>
    });
    view! {
        <tr>
            <td>{member.name.clone()}{member.is_me.then_some(t_string!(i18n, members.row.you))}</td>
            <td>{member.email}</td>
            <td>{role_cell}</td>
            <td>{member.last_active_at.map(format_time).unwrap_or_else(|| "—".into())}</td>
            <td class="row-actions">{remove_form}{transfer_form}{leave_form}</td>
        </tr>
    }
}

/// Inviting people (admins): the invite form and the open invitations with resend and revoke.
#[component]
fn Invitations() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let invite = ServerAction::<InviteMember>::new();
    let resend = ServerAction::<ResendInvitation>::new();
    let revoke = ServerAction::<RevokeInvitation>::new();
    let error = Signal::derive(move || invite.value().get().and_then(Result::err));
    let list_error = Signal::derive(move || resend.value().get().and_then(Result::err).or_else(|| revoke.value().get().and_then(Result::err)));
    let open = Resource::new(
        move || (slug(), invite.version().get(), resend.version().get(), revoke.version().get()),
        |(slug, ..)| list_invitations(slug),
    );
    let me = use_context::<crate::api::workspaces::WorkspaceShell>().map(|shell| shell.workspace.role).unwrap_or(Role::Viewer);
    let roles: Vec<(String, String)> = [Role::Admin, Role::Member, Role::Viewer]
        .into_iter()
        .filter(|r| r.rank() <= me.rank())
        .map(|r| (r.as_str().to_owned(), role_label(i18n, r).to_owned()))
        .collect();
    view! {
        <section class="panel" aria-labelledby="invite-heading">
            <h2 id="invite-heading">{t_string!(i18n, members.invite.heading)}</h2>
            <ActionForm action=invite attr:class="field-row" attr:aria-label=t_string!(i18n, members.invite.label)>
                <input type="hidden" name="slug" value=slug/>
                <TextField name="email" label=t_string!(i18n, members.invite.email) kind="email" required=true error/>
                <SelectField name="role" label=t_string!(i18n, members.invite.role) options=roles selected="member" error/>
                <button class="button primary" type="submit" disabled=move || invite.pending().get()>{t_string!(i18n, members.invite.send)}</button>
            </ActionForm>
            <FormAlert error/>
            {move || invite.value().get().and_then(Result::ok).map(|()| view! { <p class="notice" role="status">{t_string!(i18n, members.invite.sent)}</p> })}
            <FormAlert error=list_error/>
            <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, members.page.loading)}</p> }>
                {move || Suspend::new(async move {
                    let open = match open.await {
                        Ok(open) => open,
                        Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                    };
                    if open.is_empty() {
                        return view! { <p class="muted">{t_string!(i18n, members.invite.none_waiting)}</p> }.into_any();
                    }
                    view! {
                        <h3>{t_string!(i18n, members.invite.waiting)}</h3>
                        <ul class="related invitations">
                            {open.into_iter().map(|i| {
                                let (resend_id, revoke_id) = (i.id.clone(), i.id.clone());
                                let resend_label = t_string!(i18n, members.invite.resend, email = i.email.clone()).to_string();
                                let revoke_label = t_string!(i18n, members.invite.revoke, email = i.email.clone()).to_string();
                                let when = if i.expired {
                                    t_string!(i18n, members.invite.expired).to_owned()
                                } else {
                                    t_string!(i18n, members.invite.until, time = format_time(i.expires_at)).to_string()
                                };
                                view! {
                                    <li>
                                        <strong>{i.email.clone()}</strong>" · " {role_label(i18n, i.role)} " · " <span class="muted">{when}</span>
                                        <ActionForm action=resend attr:class="inline-form">
                                            <input type="hidden" name="slug" value=slug()/>
                                            <input type="hidden" name="id" value=resend_id/>
                                            <button class="button secondary small" type="submit">{resend_label}</button>
                                        </ActionForm>
                                        <ActionForm action=revoke attr:class="inline-form">
                                            <input type="hidden" name="slug" value=slug()/>
                                            <input type="hidden" name="id" value=revoke_id/>
                                            <button class="button secondary small" type="submit">{revoke_label}</button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })}
            </Suspense>
        </section>
    }
}

/// The owner's "danger zone": asking for the workspace's deletion in 30 days (password and the
/// workspace's name), or, once asked, when it happens and a button to cancel.
#[component]
fn DeleteWorkspaceForm() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let request = ServerAction::<RequestWorkspaceDeletion>::new();
    let cancel = ServerAction::<CancelWorkspaceDeletion>::new();
    let error = Signal::derive(move || request.value().get().and_then(Result::err));
    let cancel_error = Signal::derive(move || cancel.value().get().and_then(Result::err));
    let shell_due = use_context::<crate::api::workspaces::WorkspaceShell>().and_then(|shell| shell.deletion_due_at);
    // Scheduled: from the page's start, then from the latest request or cancellation.
    let due_at = Resource::new(
        move || (slug(), request.version().get(), cancel.version().get()),
        move |(slug, requested, cancelled)| async move {
            if requested + cancelled == 0 {
                return Ok(shell_due);
            }
            list_workspace_members(slug).await.map(|page| page.deletion_due_at)
        },
    );
    view! {
        <section class="panel danger-zone" aria-labelledby="delete-heading">
            <h2 id="delete-heading">{t_string!(i18n, members.delete.heading)}</h2>
            <Suspense fallback=move || view! { <p class="muted">{t_string!(i18n, members.page.loading)}</p> }>
                {move || Suspend::new(async move {
                    match due_at.await {
                        Ok(Some(due)) => view! {
                            <p class="notice" role="status">{t_string!(i18n, members.delete.scheduled, time = format_time(due))}</p>
                            <p>{t_string!(i18n, members.delete.scheduled_hint)}</p>
                            <ActionForm action=cancel attr:class="stack" attr:aria-label=t_string!(i18n, members.delete.cancel)>
                                <input type="hidden" name="slug" value=slug()/>
                                <FormAlert error=cancel_error/>
                                <button class="button primary" type="submit" disabled=move || cancel.pending().get()>{t_string!(i18n, members.delete.cancel)}</button>
                            </ActionForm>
                        }.into_any(),
                        Ok(None) => view! {
                            <p>{t_string!(i18n, members.delete.explain)}</p>
                            {move || cancel.value().get().and_then(Result::ok).map(|()| view! { <p class="notice" role="status">{t_string!(i18n, members.delete.cancelled)}</p> })}
                            <ActionForm action=request attr:class="stack" attr:aria-label=t_string!(i18n, members.delete.heading)>
                                <input type="hidden" name="slug" value=slug()/>
                                <TextField name="password" label=t_string!(i18n, members.delete.password) kind="password" required=true autocomplete="current-password" error/>
                                <TextField name="confirm" label=t_string!(i18n, members.delete.confirm) required=true autocomplete="off" error/>
                                <FormAlert error/>
                                <button class="button danger" type="submit" disabled=move || request.pending().get()>{t_string!(i18n, members.delete.submit)}</button>
                            </ActionForm>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// On every page of a workspace whose deletion is scheduled: when it goes, and what to do first.
#[component]
pub fn WorkspaceDeletionNotice(slug: String, due_at: Option<i64>) -> impl IntoView {
    let i18n = use_i18n();
    due_at.map(|due| view! {
        <aside class="notice workspace-deletion-notice" role="status">
            <p>
                <strong>{t_string!(i18n, members.notice.text, time = format_time(due))}</strong> " "
                {t_string!(i18n, members.notice.hint)} " "
                <a href=format!("/w/{slug}/privacy")>{t_string!(i18n, members.notice.download)}</a>
            </p>
        </aside>
    })
}
