/* ui_list */
