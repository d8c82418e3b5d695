//! Settings → Members: the workspace's name and what members see (admins), the members with their
//! roles and last activity, role changes and removal (admins), transferring ownership (the owner),
//! and leaving the workspace (anyone but the owner).

use crate::api::invitations::{list_invitations, InviteMember, ResendInvitation, RevokeInvitation};
use crate::api::members::{list_workspace_members, ChangeMemberRole, DeleteWorkspace, LeaveWorkspace, MemberSummary, RemoveMember, SaveWorkspaceSettings, TransferOwnership};
use crate::components::field::{FormAlert, SelectField, TextField};
use crate::domain::workspaces::{Role, Visibility};
use crate::pages::records::{format_time, use_slug, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;

fn visibility_options() -> Vec<(String, String)> {
    [Visibility::All, Visibility::Own].into_iter().map(|v| (v.as_str().to_owned(), v.label().to_owned())).collect()
}

#[component]
pub fn MembersSettingsPage() -> impl IntoView {
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
        <Title text="Members"/>
        <h1>"Members and workspace"</h1>
        {admin.then(|| view! { <Invitations/> })}
        {owner.then(|| view! { <DeleteWorkspaceForm/> })}
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
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
                        <h2 id="workspace-settings">"Workspace"</h2>
                        {(!admin).then(|| view! { <p class="muted">"Only the workspace's owners and admins can change these settings."</p> })}
                        <ActionForm action=settings attr:aria-label="Workspace settings">
                            <input type="hidden" name="slug" value=slug()/>
                            <TextField name="name" label="Workspace name" required=true value=page.workspace_name.clone() error=settings_error/>
                            <SelectField name="visibility" label="Members see" options=visibility_options() selected=page.visibility.as_str() error=settings_error/>
                            <p class="hint">"Owners, admins and viewers always see every record; viewers change nothing."</p>
                            <FormAlert error=settings_error/>
                            {move || settings.value().get().and_then(Result::ok).map(|()| view! { <p class="notice" role="status">"Settings saved."</p> })}
                            <button class="button primary" type="submit" disabled=move || !admin || settings.pending().get()>"Save settings"</button>
                        </ActionForm>
                    </section>
                    <section class="panel" aria-labelledby="members-heading">
                        <h2 id="members-heading">"Members"</h2>
                        <FormAlert error=member_error/>
                        <div class="table-scroll">
                            <table class="records">
                                <thead><tr><th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role"</th><th scope="col">"Last active"</th><th scope="col">"Actions"</th></tr></thead>
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
    let is_owner_row = member.role == Role::Owner;
    let manageable = admin && !is_owner_row && !member.is_me;
    let role_id = format!("role-{}", member.user_id);
    let hand_id = format!("hand-{}", member.user_id);
    let name = member.name.clone();
    let role_label = format!("Role of {name}");
    let role_aria = role_label.clone();
    let role_slug = slug.clone();
    let role_user = member.user_id.clone();
    let role_cell = if admin && !is_owner_row {
        let options = [Role::Admin, Role::Member, Role::Viewer].into_iter().map(|r| view! {
            <option value=r.as_str() selected=r == member.role>{r.label()}</option>
        }).collect_view();
        view! {
            <ActionForm action=role attr:class="inline-form" attr:aria-label=role_aria>
                <input type="hidden" name="slug" value=role_slug/>
                <input type="hidden" name="user_id" value=role_user/>
                <label class="visually-hidden" for=role_id.clone()>{role_label}</label>
                <select id=role_id name="role">{options}</select>
                <button class="button secondary small" type="submit">"Change role"</button>
            </ActionForm>
        }.into_any()
    } else {
        view! { <span class="badge">{member.role.label()}</span> }.into_any()
    };
    let (remove_label, give_label, remove_slug, remove_user) = (format!("Remove {name}"), format!("Give {name}'s records to"), slug.clone(), member.user_id.clone());
    let remove_aria = remove_label.clone();
    let remove_form = manageable.then(|| {
        let choices = others.into_iter().filter(|(id, _)| *id != member.user_id).map(|(id, n)| view! { <option value=id>{n}</option> }).collect_view();
        view! {
            <ActionForm action=remove attr:class="inline-form" attr:aria-label=remove_aria>
                <input type="hidden" name="slug" value=remove_slug/>
                <input type="hidden" name="user_id" value=remove_user/>
                <label class="visually-hidden" for=hand_id.clone()>{give_label}</label>
                <select id=hand_id name="hand_to">
                    <option value="">"Leave their records unowned"</option>
                    {choices}
                </select>
                <button class="button secondary small" type="submit">{remove_label}</button>
            </ActionForm>
        }
    });
    let (transfer_label, transfer_slug, transfer_user) = (format!("Make {name} the owner"), slug.clone(), member.user_id.clone());
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
            <button class="button secondary small" type="submit">"Leave workspace"</button>
        </ActionForm>
    });
    view! {
        <tr>
            <td>{member.name.clone()}{member.is_me.then_some(" (you)")}</td>
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
        .map(|r| (r.as_str().to_owned(), r.label().to_owned()))
        .collect();
    view! {
        <section class="panel" aria-labelledby="invite-heading">
            <h2 id="invite-heading">"Invite people"</h2>
            <ActionForm action=invite attr:class="field-row" attr:aria-label="Invite by email">
                <input type="hidden" name="slug" value=slug/>
                <TextField name="email" label="Email address" kind="email" required=true error/>
                <SelectField name="role" label="Role" options=roles selected="member" error/>
                <button class="button primary" type="submit" disabled=move || invite.pending().get()>"Send invitation"</button>
            </ActionForm>
            <FormAlert error/>
            {move || invite.value().get().and_then(Result::ok).map(|()| view! { <p class="notice" role="status">"Invitation sent."</p> })}
            <FormAlert error=list_error/>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let open = match open.await {
                        Ok(open) => open,
                        Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                    };
                    if open.is_empty() {
                        return view! { <p class="muted">"No invitations waiting."</p> }.into_any();
                    }
                    view! {
                        <h3>"Waiting to be accepted"</h3>
                        <ul class="related invitations">
                            {open.into_iter().map(|i| {
                                let (resend_id, revoke_id) = (i.id.clone(), i.id.clone());
                                let (resend_label, revoke_label) = (format!("Resend to {}", i.email), format!("Revoke invitation of {}", i.email));
                                let when = if i.expired { "expired".to_owned() } else { format!("until {}", format_time(i.expires_at)) };
                                view! {
                                    <li>
                                        <strong>{i.email.clone()}</strong>" · " {i.role.label()} " · " <span class="muted">{when}</span>
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

/// The owner's "danger zone": deleting the workspace with everything in it.
#[component]
fn DeleteWorkspaceForm() -> impl IntoView {
    let slug = use_slug();
    let delete = ServerAction::<DeleteWorkspace>::new();
    let error = Signal::derive(move || delete.value().get().and_then(Result::err));
    view! {
        <section class="panel danger-zone" aria-labelledby="delete-heading">
            <h2 id="delete-heading">"Delete this workspace"</h2>
            <p>"Every record, note, activity, email draft, member and setting of the workspace is deleted at once and cannot be restored. Members keep their accounts."</p>
            <ActionForm action=delete attr:class="stack" attr:aria-label="Delete this workspace">
                <input type="hidden" name="slug" value=slug/>
                <TextField name="confirm" label="Type the workspace's name to confirm" required=true autocomplete="off" error/>
                <FormAlert error/>
                <button class="button danger" type="submit" disabled=move || delete.pending().get()>"Delete workspace for good"</button>
            </ActionForm>
        </section>
    }
}
