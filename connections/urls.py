"""Connection maps' addresses (issue 20). One file for the three parts: each adds its own lines.

M: my connection map (/my-connections/…); S: surveys and interviews; R: public results.
"""

from django.urls import path

from connections import interviews_views, personal_map_views, results_views

app_name = "connections"
urlpatterns = [
    # M: my connection map (personal_map_views.py)
    path("my-connections/", personal_map_views.start, name="map_start"),
    path("my-connections/step/<slug:step>/", personal_map_views.step, name="map_step"),
    path("my-connections/map/", personal_map_views.result, name="map_result"),
    path("my-connections/map/download.<str:fmt>", personal_map_views.download, name="map_download"),
    path("my-connections/upload/", personal_map_views.upload, name="map_upload"),
    path("my-connections/save/", personal_map_views.save, name="map_save"),
    path("my-connections/saved/<str:token>/", personal_map_views.open_saved, name="map_open"),
    path("my-connections/saved/<str:token>/delete/", personal_map_views.delete, name="map_delete"),
    # S: surveys' interviews, for their stewards and researchers (interviews_views.py)
    path("interviewing/", interviews_views.interviewing, name="interviewing"),
    path("surveys/<slug:slug>/interviews/", interviews_views.interviews, name="interviews"),
    path("surveys/<slug:slug>/interviews/start/", interviews_views.interview_start, name="interview_start"),
    path("surveys/<slug:slug>/interviews/export.csv", interviews_views.interviews_csv, name="interviews_csv"),
    path("surveys/<slug:slug>/interviews/access-log/", interviews_views.access_log, name="access_log"),
    path("surveys/<slug:slug>/interviews/<int:pk>/", interviews_views.interview_detail, name="interview"),
    path(
        "surveys/<slug:slug>/interviews/<int:pk>/delete/",
        interviews_views.interview_delete,
        name="interview_delete",
    ),
    path(
        "surveys/<slug:slug>/interviews/<int:pk>/<slug:step>/",
        interviews_views.interview_step,
        name="interview_step",
    ),
    # R: a survey's published results (results_views.py)
    path("surveys/<slug:slug>/results/", results_views.survey_results, name="survey_results"),
    path("surveys/<slug:slug>/results.json", results_views.survey_results_json, name="survey_results_json"),
    path("surveys/<slug:slug>/results/adopt/", results_views.adopt, name="result_adopt"),
]
