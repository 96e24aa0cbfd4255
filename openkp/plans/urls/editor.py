from django.urls import path, register_converter

from ..views import editor


class LevelConverter:
    """A level of the hierarchy in URLs: priorita, cil, opatreni, aktivita (so that other plan pages keep theirs)."""

    regex = "priorita|cil|opatreni|aktivita"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(LevelConverter, "level")

staff = "<slug:area_slug>/sprava/plan/"
plan = staff + "<int:pk>/"
item = plan + "<level:level>/<int:item_pk>/"

urlpatterns = [
    path(staff, editor.plan_list, name="list"),
    path(staff + "novy/", editor.plan_edit, name="create"),
    path(plan, editor.plan_detail, name="detail"),
    path(plan + "upravit/", editor.plan_edit, name="edit"),
    path(plan + "stav/", editor.plan_status, name="status"),
    path(plan + "komentare/", editor.comment_add, name="comment_add"),
    path(plan + "komentare/<int:comment_pk>/vyreseno/", editor.comment_resolve, name="comment_resolve"),
    path(plan + "komentare/polozka/<uuid:uid>/", editor.item_comments, name="item_comments"),
    path(plan + "opatreni/<int:item_pk>/naklady/", editor.measure_costs, name="measure_costs"),
    path(plan + "opatreni/<int:item_pk>/indikatory/novy/", editor.indicator_edit, name="indicator_create"),
    path(plan + "opatreni/<int:item_pk>/indikatory/<int:indicator_pk>/", editor.indicator_edit, name="indicator_edit"),
    path(plan + "aktivita/<int:item_pk>/milniky/", editor.activity_milestones, name="activity_milestones"),
    path(plan + "<level:level>/nova/", editor.item_edit, name="item_create"),
    path(item, editor.measure_detail, name="measure_detail"),
    path(item + "upravit/", editor.item_edit, name="item_edit"),
    path(item + "presunout/", editor.item_move, name="item_move"),
    path(item + "smazat/", editor.item_delete, name="item_delete"),
]
